// "Conectar com a Magalu" through the hub's routes and the sandbox's ID Magalu login: the seller goes out with state,
// picks the company, comes back with a code, and the account's connection holds the sealed tokens and its channel.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv } from "@/db/client";
import { channelConnections } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { MagaluAdapter } from "@/server/channels/magalu/adapter";
import { decryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionInfo } from "@/server/sync/connection-info";
import { accountCnpj } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

type Route = (req: Request) => Promise<Response>;

const HUB = "http://localhost:3000";
let world: TestWorld;
let sandbox: SandboxProcess;
let connect: Route;
let back: Route;
let accountA: number;

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("@/server/auth/auth");
  const res = await getAuth().handler(
    new Request(`${HUB}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: HUB, "x-forwarded-for": "10.1.1.3" },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    }),
  );
  return /better-auth\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

beforeAll(async () => {
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  // The routes use the process-wide database, auth, secrets key and app settings: this test's.
  Object.assign(process.env, {
    ...databaseEnv(world.db),
    BETTER_AUTH_SECRET: "magalu-connect-test-secret-magalu-conn-01",
    FLUXO_SECRETS_KEY: "4d".repeat(32),
    MAGALU_CLIENT_ID: "fluxo-sandbox-magalu",
    MAGALU_CLIENT_SECRET: "fluxo-sandbox-magalu-secret",
    MAGALU_AUTH_URL: `${sandbox.url}/id-magalu`,
    MAGALU_API_URL: sandbox.url,
  });
  ({ GET: connect } = await import("@/app/api/canais/magalu/conectar/route"));
  ({ GET: back } = await import("@/app/api/canais/magalu/retorno/route"));
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

function connection() {
  return world.db
    .select()
    .from(channelConnections)
    .where(and(eq(channelConnections.accountId, accountA), eq(channelConnections.channel, "magalu")))
    .get();
}

/** The seller clicks "Conectar com a Magalu", then "Autorizar" on the sandbox's login; returns where they go back to. */
async function authorize(session: string) {
  const out = await connect(new Request(`${HUB}/api/canais/magalu/conectar`, { headers: { cookie: session } }));
  expect(out.status).toBe(302);
  const pending = /fluxo_magalu_oauth=[^;]+/.exec(out.headers.get("set-cookie") ?? "")?.[0] ?? "";
  expect(out.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
  const page = new URL(out.headers.get("location") ?? "");
  expect(await (await fetch(page)).text()).toContain("Autorizar");
  const form = new URLSearchParams(page.searchParams);
  form.set("seller", accountCnpj(world, accountA));
  const approved = await fetch(`${sandbox.url}/id-magalu/login`, { method: "POST", body: form, redirect: "manual" });
  return { returnTo: new URL(approved.headers.get("location") ?? ""), pending, page };
}

describe("connecting through the hub's routes", () => {
  it("goes out to ID Magalu's login with the scopes and the tenant choice, and comes back with sealed tokens", async () => {
    const session = await signIn(EMAILS.sellerA);
    const { returnTo, pending, page } = await authorize(session);
    expect(page.pathname).toBe("/id-magalu/login");
    expect(Object.fromEntries(page.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "fluxo-sandbox-magalu",
      redirect_uri: `${HUB}/api/canais/magalu/retorno`,
      choose_tenants: "true",
    });
    expect(page.searchParams.get("scope")).toContain("open:order-delivery-seller:write");

    const done = await back(new Request(returnTo, { headers: { cookie: `${session}; ${pending}` } }));
    const connected = new URL(done.headers.get("location") ?? "");
    expect(connected.pathname).toBe("/conexoes");
    expect(connected.searchParams.get("resultado")).toContain("Magalu conectada");
    expect(done.headers.get("set-cookie")).toMatch(/fluxo_magalu_oauth=; .*Max-Age=0/);
    const row = connection();
    expect(row).toMatchObject({ enabled: true, baseUrl: sandbox.url, lastError: null });
    const credentials = JSON.parse(decryptSecret(row?.credentials ?? "", secretKeys()));
    expect(row?.credentials).not.toContain(credentials.accessToken);
    expect(credentials).toMatchObject({
      clientId: "fluxo-sandbox-magalu",
      channelId: "9fe0d853-732b-4e4a-a0b0-cff988ed043d",
    });
    if (!row) throw new Error("no connection");
    const info = connectionInfo(world.db, { ...row, sellerCnpj: accountCnpj(world, accountA) });
    expect(await new MagaluAdapter(info).checkConnection()).toEqual({ ok: true });

    // The same return again: the cookie is gone; nothing changes.
    const again = await back(new Request(returnTo, { headers: { cookie: session } }));
    expect(new URL(again.headers.get("location") ?? "").searchParams.get("resultado")).toContain(
      "Conectar com a Magalu",
    );
    expect(connection()?.credentials).toBe(row.credentials);
  });

  it("a refusal at ID Magalu comes back as a pt-BR sentence and stores nothing", async () => {
    const session = await signIn(EMAILS.sellerA);
    const before = connection();
    const { returnTo, pending } = await authorize(session);
    const denied = new URL(
      `${HUB}/api/canais/magalu/retorno?error=access_denied&state=${returnTo.searchParams.get("state")}`,
    );
    const done = await back(new Request(denied, { headers: { cookie: `${session}; ${pending}` } }));
    expect(new URL(done.headers.get("location") ?? "").searchParams.get("resultado")).toBe(
      "A autorização foi recusada no ID Magalu; nada foi alterado.",
    );
    expect(connection()).toEqual(before);
  });

  it("a manager may not connect; without the app's keys the seller is sent back with the reason", async () => {
    const manager = await signIn(EMAILS.managerA);
    expect(
      (await connect(new Request(`${HUB}/api/canais/magalu/conectar`, { headers: { cookie: manager } }))).status,
    ).toBe(403);
    const session = await signIn(EMAILS.sellerA);
    const saved = process.env.MAGALU_CLIENT_ID;
    delete process.env.MAGALU_CLIENT_ID;
    try {
      const out = await connect(new Request(`${HUB}/api/canais/magalu/conectar`, { headers: { cookie: session } }));
      expect(new URL(out.headers.get("location") ?? "").searchParams.get("resultado")).toContain("MAGALU_CLIENT_ID");
    } finally {
      process.env.MAGALU_CLIENT_ID = saved;
    }
  });
});
