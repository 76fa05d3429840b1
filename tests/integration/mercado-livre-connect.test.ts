// "Conectar com o Mercado Livre" through the hub's routes and the sandbox's authorization page: the seller goes out
// with state and PKCE, comes back with a code, and the account's connection holds the sealed tokens.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv } from "@/db/client";
import { channelConnections } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { decryptSecret, secretKeys } from "@/server/security/secrets";
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
      headers: { "content-type": "application/json", origin: HUB, "x-forwarded-for": "10.1.1.2" },
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
    BETTER_AUTH_SECRET: "ml-connect-test-secret-ml-connect-test-01",
    FLUXO_SECRETS_KEY: "3c".repeat(32),
    ML_CLIENT_ID: "1234567890",
    ML_CLIENT_SECRET: "fluxo-sandbox-secret",
    ML_AUTH_URL: sandbox.url,
    ML_API_URL: sandbox.url,
  });
  ({ GET: connect } = await import("@/app/api/canais/mercado-livre/conectar/route"));
  ({ GET: back } = await import("@/app/api/canais/mercado-livre/retorno/route"));
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

function connection() {
  return world.db
    .select()
    .from(channelConnections)
    .where(and(eq(channelConnections.accountId, accountA), eq(channelConnections.channel, "mercado_livre")))
    .get();
}

/** The seller clicks "Conectar", then "Autorizar" on the sandbox's page; returns where they are sent back to. */
async function authorize(session: string) {
  const out = await connect(new Request(`${HUB}/api/canais/mercado-livre/conectar`, { headers: { cookie: session } }));
  expect(out.status).toBe(302);
  const pending = /fluxo_ml_oauth=[^;]+/.exec(out.headers.get("set-cookie") ?? "")?.[0] ?? "";
  expect(out.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
  const page = new URL(out.headers.get("location") ?? "");
  const html = await (await fetch(page)).text();
  expect(html).toContain("Autorizar");
  const form = new URLSearchParams(page.searchParams);
  form.set("seller", accountCnpj(world, accountA));
  const approved = await fetch(`${sandbox.url}/authorization`, { method: "POST", body: form, redirect: "manual" });
  return { returnTo: new URL(approved.headers.get("location") ?? ""), pending, page };
}

describe("connecting through the hub's routes", () => {
  it("goes out with PKCE S256 and state, and comes back with the sealed tokens on the account's connection", async () => {
    const session = await signIn(EMAILS.sellerA);
    const { returnTo, pending, page } = await authorize(session);
    expect(page.origin).toBe(new URL(sandbox.url).origin);
    expect(Object.fromEntries(page.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "1234567890",
      redirect_uri: `${HUB}/api/canais/mercado-livre/retorno`,
      code_challenge_method: "S256",
    });
    expect(returnTo.pathname).toBe("/api/canais/mercado-livre/retorno");

    const done = await back(new Request(returnTo, { headers: { cookie: `${session}; ${pending}` } }));
    expect(done.status).toBe(302);
    const connected = new URL(done.headers.get("location") ?? "");
    expect(connected.pathname).toBe("/conexoes");
    expect(connected.searchParams.get("resultado")).toContain("Mercado Livre conectado");
    expect(done.headers.get("set-cookie")).toMatch(/fluxo_ml_oauth=; .*Max-Age=0/);
    const row = connection();
    expect(row).toMatchObject({ enabled: true, baseUrl: sandbox.url, lastError: null });
    expect(row?.marketplaceUserId).toMatch(/^\d{9}$/);
    expect(row?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 5.9 * 3600_000);
    const credentials = JSON.parse(decryptSecret(row?.credentials ?? "", secretKeys()));
    expect(row?.credentials).not.toContain(credentials.accessToken);
    expect(credentials).toMatchObject({ clientId: "1234567890", userId: row?.marketplaceUserId });

    // The same return again: the cookie is gone and the code spent; nothing changes.
    const again = await back(new Request(returnTo, { headers: { cookie: session } }));
    expect(new URL(again.headers.get("location") ?? "").searchParams.get("resultado")).toContain(
      "Conectar com o Mercado Livre",
    );
    expect(connection()?.credentials).toBe(row?.credentials);
  });

  it("a return whose state is not the one sent out is refused in pt-BR and stores nothing", async () => {
    const session = await signIn(EMAILS.sellerA);
    const before = connection();
    const { returnTo, pending } = await authorize(session);
    returnTo.searchParams.set("state", "forged");
    const done = await back(new Request(returnTo, { headers: { cookie: `${session}; ${pending}` } }));
    const result = new URL(done.headers.get("location") ?? "");
    expect(result.pathname).toBe("/conexoes");
    expect(result.searchParams.get("resultado")).toContain("Conectar com o Mercado Livre");
    expect(connection()).toEqual(before);
  });

  it("a manager may not connect; nobody signed in neither", async () => {
    const manager = await signIn(EMAILS.managerA);
    expect(
      (await connect(new Request(`${HUB}/api/canais/mercado-livre/conectar`, { headers: { cookie: manager } }))).status,
    ).toBe(403);
    expect((await connect(new Request(`${HUB}/api/canais/mercado-livre/conectar`))).status).toBe(401);
  });

  it("without the app's keys the seller is sent back with the reason", async () => {
    const session = await signIn(EMAILS.sellerA);
    const saved = process.env.ML_CLIENT_ID;
    delete process.env.ML_CLIENT_ID;
    try {
      const out = await connect(
        new Request(`${HUB}/api/canais/mercado-livre/conectar`, { headers: { cookie: session } }),
      );
      const result = new URL(out.headers.get("location") ?? "");
      expect(result.pathname).toBe("/conexoes");
      expect(result.searchParams.get("resultado")).toContain("ML_CLIENT_ID");
    } finally {
      process.env.ML_CLIENT_ID = saved;
    }
  });
});
