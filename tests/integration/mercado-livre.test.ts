// The Mercado Livre adapter against the sandbox speaking Mercado Livre: the OAuth code flow, intake by notification
// and by /orders/search recovery, the XML invoice awaiting its label, ME1 tracking and delivery, rotation and 429.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, listEnabledConnections } from "@/db/queries/connections";
import { saveAuthorizedConnection } from "@/db/queries/oauth-connections";
import { channelNotifications, orders } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import type { ChannelAdapter } from "@/server/channels/adapter";
import { MercadoLivreAdapter } from "@/server/channels/mercado-livre/adapter";
import { ConnectionLostError, type MercadoLivreCredentials } from "@/server/channels/mercado-livre/credentials";
import { authorizationUrl, connectSandboxMercadoLivre, exchangeCode } from "@/server/channels/mercado-livre/oauth";
import { adapterFor, type ChannelCredentials } from "@/server/channels/registry";
import { updateStateOn } from "@/server/domain/replication/applied";
import { encryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { drainNotifications } from "@/server/sync/notifications";
import { accountCnpj, homologationXmlWithKey, validKey } from "./flow-helpers";
import { createTestWorld, type TestWorld } from "./harness";

process.env.FLUXO_SECRETS_KEY = "7f".repeat(32);

let world: TestWorld;
let sandbox: SandboxProcess;
let receiver: Server;
let accountA: number;
let cnpjA: string;
let credentials: MercadoLivreCredentials;

beforeAll(async () => {
  world = await createTestWorld(3);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  // The notification route reads the process's database: this test's.
  (globalThis as { fluxoDb?: unknown }).fluxoDb = world.db;
  const { POST } = await import("@/app/api/canais/mercado-livre/notificacoes/route");
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const answer = await POST(new Request("http://hub.local/x", { method: "POST", body: Buffer.concat(chunks) }));
      res.writeHead(answer.status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  process.env.SANDBOX_ML_CALLBACK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notificacoes`;
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  const connected = await connectSandboxMercadoLivre(sandbox.url, cnpjA);
  credentials = connected.credentials;
  saveAuthorizedConnection(
    world.db,
    {
      accountId: accountA,
      channel: "mercado_livre",
      baseUrl: sandbox.url,
      sealedCredentials: encryptSecret(JSON.stringify(credentials), secretKeys()),
      tokenExpiresAt: connected.tokenExpiresAt,
      marketplaceUserId: credentials.userId,
    },
    new Date(),
  );
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  world?.close();
});

function mlConnection(): Connection {
  const connection = listEnabledConnections(world.db).find(
    (c) => c.accountId === accountA && c.channel === "mercado_livre",
  );
  if (!connection) throw new Error("no Mercado Livre connection");
  return connection;
}

function adapter(): ChannelAdapter {
  return adapterFor(connectionInfo(world.db, mlConnection()));
}

function createOrder(
  logisticsMode: "me2" | "own_carrier" | "mercado_envios_coleta",
  status: "NEW" | "APPROVED" = "APPROVED",
) {
  return sandbox.admin<{ code: string }>("/admin/orders", {
    seller: cnpjA,
    channel: "mercado_livre",
    logisticsMode,
    status,
  });
}

function hubOrder(code: string) {
  return world.db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountA), eq(orders.channel, "mercado_livre"), eq(orders.marketplaceCode, code)))
    .get();
}

async function until<T>(read: () => T | undefined | null, ms = 25_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const xmlFor = (key: string) => homologationXmlWithKey(key).toString("base64");
let keySeq = 0;
/** A valid key of the seller for another note number each time (SPEC §3 check digit recomputed). */
function nextKey(): string {
  const key = validKey(cnpjA, 2026, 11);
  const body = `${key.slice(0, 25)}${String(++keySeq).padStart(9, "0")}${key.slice(34, 43)}`;
  const sum = [...body].reverse().reduce((total, c, i) => total + (c.charCodeAt(0) - 48) * (2 + (i % 8)), 0);
  const rest = sum % 11;
  return `${body}${rest < 2 ? 0 : 11 - rest}`;
}

const push = (a: ChannelAdapter, code: string, kind: string, payload: Record<string, unknown>) =>
  a.pushUpdate({ orderCode: code, kind, payload, idempotencyKey: `${kind}-${code}` });

describe("connecting", () => {
  it("the authorization page lists the sandbox sellers with an Autorizar button", async () => {
    const res = await fetch(
      `${sandbox.url}/authorization?response_type=code&client_id=1234567890&redirect_uri=${encodeURIComponent("http://127.0.0.1/retorno")}`,
    );
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("Autorizar");
    for (const account of world.accounts) expect(html).toContain(account.cnpj);
  });

  it("the code flow checks the PKCE verifier, and a code is good once", async () => {
    const app = {
      clientId: "1234567890",
      clientSecret: "fluxo-sandbox-secret",
      authUrl: sandbox.url,
      apiUrl: sandbox.url,
    };
    const redirect = "http://127.0.0.1/api/canais/mercado-livre/retorno";
    const start = authorizationUrl(app, redirect, { seller: cnpjA });
    const res = await fetch(start.url, { redirect: "manual" });
    const back = new URL(res.headers.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe(start.state);
    const code = back.searchParams.get("code") ?? "";
    await expect(exchangeCode(app, code, redirect, "not-the-verifier")).rejects.toBeInstanceOf(ConnectionLostError);
    const tokens = await exchangeCode(app, code, redirect, start.verifier);
    expect(tokens).toMatchObject({ userId: credentials.userId, clientId: "1234567890" });
    expect(tokens.expiresAt - Date.now()).toBeGreaterThan(5.9 * 3600_000);
    await expect(exchangeCode(app, code, redirect, start.verifier)).rejects.toBeInstanceOf(ConnectionLostError);
  });

  it("checkConnection asks /users/me", async () => {
    expect(await adapter().checkConnection()).toEqual({ ok: true });
  });

  it("a rotated refresh token is stored before use, and the old one is refused after its one use", async () => {
    const stored: ChannelCredentials[] = [];
    const fresh = await connectSandboxMercadoLivre(sandbox.url, cnpjA);
    const nearExpiry = { ...fresh.credentials, expiresAt: Date.now() + 1_000 };
    const rotating = new MercadoLivreAdapter({
      channel: "mercado_livre",
      baseUrl: sandbox.url,
      sellerCnpj: cnpjA,
      credentials: { ...nearExpiry },
      saveCredentials: (c) => stored.push(c),
    });
    expect(await rotating.checkConnection()).toEqual({ ok: true });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.refreshToken).not.toBe(fresh.credentials.refreshToken);
    const reuse = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: "1234567890",
        client_secret: "fluxo-sandbox-secret",
        refresh_token: fresh.credentials.refreshToken,
      }),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("intake", () => {
  it("recovery polling: /orders/search brings new and changed orders into the hub", async () => {
    const created = await createOrder("me2");
    const stats = await ingestConnection(world.db, mlConnection(), adapter());
    expect(stats.created).toBeGreaterThanOrEqual(1);
    expect(hubOrder(created.code)).toMatchObject({ status: "APPROVED", logisticsMode: "me2" });
    const cursor = JSON.parse(mlConnection().pullCursor ?? "{}");
    expect(cursor.from).toEqual(expect.any(String));
    // A second pull finds nothing new.
    expect((await ingestConnection(world.db, mlConnection(), adapter())).created).toBe(0);
  });

  it("a notification is stored by the hub's route and drained by the worker's step", async () => {
    const created = await createOrder("own_carrier");
    const resource = `/orders/${created.code}`;
    await until(() =>
      world.db.select().from(channelNotifications).where(eq(channelNotifications.resource, resource)).get(),
    );
    const connection = mlConnection();
    const stats = await drainNotifications(
      world.db,
      connection,
      connectionInfo(world.db, connection).credentials,
      adapter(),
    );
    expect(stats.created).toBeGreaterThanOrEqual(1);
    expect(hubOrder(created.code)).toMatchObject({ status: "APPROVED", logisticsMode: "own_carrier" });
    expect(
      world.db.select().from(channelNotifications).where(eq(channelNotifications.resource, resource)).get(),
    ).toBeUndefined();
  }, 30_000);
});

describe("updates", () => {
  it("the XML invoice is taken, awaits the label, and the read-back confirms it at the next tick", async () => {
    const created = await createOrder("me2");
    const key = nextKey();
    const payload = { accessKey: key, xmlBase64: xmlFor(key) };
    expect(await push(adapter(), created.code, "invoice", payload)).toMatchObject({ outcome: "awaiting_confirmation" });
    const taken = await adapter().readOrder(created.code);
    expect(taken).toMatchObject({ status: "INVOICED", invoice: { accessKey: key, awaitingValidation: true } });
    expect(updateStateOn("invoice", payload, taken as NonNullable<typeof taken>)).toBe("awaiting");
    await sandbox.admin("/admin/tick", {});
    const released = await adapter().readOrder(created.code);
    expect(released?.invoice).toEqual({ accessKey: key, awaitingValidation: false });
    expect(updateStateOn("invoice", payload, released as NonNullable<typeof released>)).toBe("applied");
    // ME2 ships by itself at the following tick; the hub never sends tracking for it.
    await sandbox.admin("/admin/tick", {});
    expect((await adapter().readOrder(created.code))?.status).toBe("SHIPPED");
    expect(await push(adapter(), created.code, "delivered", { deliveredAt: "2026-11-25" })).toMatchObject({
      outcome: "rejected",
    });
  });

  it("a body that is not an NF-e XML is refused with Mercado Livre's reason", async () => {
    const created = await createOrder("me2");
    const result = await push(adapter(), created.code, "invoice", {
      accessKey: nextKey(),
      xmlBase64: Buffer.from("not xml").toString("base64"),
    });
    expect(result).toMatchObject({
      outcome: "rejected",
      reason: expect.stringMatching(/^O Mercado Livre recusou a atualização \(“/),
    });
  });

  it("ME1: tracking, a delivery problem, a new tracking and the delivery, each read back", async () => {
    const created = await createOrder("own_carrier");
    const key = nextKey();
    await push(adapter(), created.code, "invoice", { accessKey: key, xmlBase64: xmlFor(key) });
    await sandbox.admin("/admin/tick", {});
    expect((await adapter().readOrder(created.code))?.status).toBe("INVOICED");
    const ship = (code: string) =>
      push(adapter(), created.code, "shipment", {
        carrier: "Jadlog",
        trackingCode: code,
        method: "Expresso",
        trackingUrl: `https://rastreio.example/${code}`,
        handedAt: new Date().toISOString(),
      });
    expect(await ship("JD0001")).toMatchObject({ outcome: "acknowledged" });
    expect(await adapter().readOrder(created.code)).toMatchObject({
      status: "SHIPPED",
      shipment: { trackingCode: "JD0001" },
    });
    expect(
      await push(adapter(), created.code, "delivery_problem", { occurredAt: "2026-11-25", observation: "ausente" }),
    ).toMatchObject({
      outcome: "acknowledged",
    });
    expect((await adapter().readOrder(created.code))?.status).toBe("SHIPMENT_EXCEPTION");
    expect(await ship("JD0002")).toMatchObject({ outcome: "acknowledged" });
    expect(await push(adapter(), created.code, "delivered", { deliveredAt: "2026-11-26" })).toMatchObject({
      outcome: "acknowledged",
    });
    expect(await adapter().readOrder(created.code)).toMatchObject({
      status: "DELIVERED",
      shipment: { trackingCode: "JD0002" },
    });
  });

  it("cancel by feedback: the order reads cancelled afterwards", async () => {
    const created = await createOrder("me2");
    expect(await push(adapter(), created.code, "cancel", { reason: "Sem estoque" })).toMatchObject({
      outcome: "awaiting_confirmation",
    });
    expect((await adapter().readOrder(created.code))?.status).toBe("CANCELED");
  });

  it("429 without Retry-After is transient, and the worker's back-off decides the wait", async () => {
    const created = await createOrder("me2");
    await sandbox.admin("/admin/mercado-livre/rate-limit", { every: 1 });
    try {
      expect(await push(adapter(), created.code, "cancel", { reason: "x" })).toEqual({
        outcome: "transient",
        error: expect.stringContaining("429"),
        retryAfterMs: null,
        cause: "rate_limited",
      });
    } finally {
      await sandbox.admin("/admin/mercado-livre/rate-limit", { every: 0 });
    }
  });
});
