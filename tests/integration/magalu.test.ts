// The Magalu adapter against the sandbox speaking Magalu's Open API: ID Magalu's code flow, intake by polling orders
// and deliveries, the NF-e with its XML awaiting validation, shipping and finishing, token refresh, 429 and a lost
// answer read back instead of re-sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import type { ChannelCredentials, ConnectionInfo, MarketplaceOrder } from "@/server/channels/adapter";
import { MagaluAdapter } from "@/server/channels/magalu/adapter";
import type { MagaluCredentials } from "@/server/channels/magalu/credentials";
import { connectSandboxMagalu } from "@/server/channels/magalu/oauth";
import { updateStateOn } from "@/server/domain/replication/applied";
import { homologationXmlWithKey, validKey } from "./flow-helpers";

const SELLER = "06929383000163";
let sandbox: SandboxProcess;
let credentials: MagaluCredentials;
let saved: { credentials: ChannelCredentials; expiresAt: Date | null }[];

beforeAll(async () => {
  sandbox = await startSandbox({ sellers: [SELLER] });
  credentials = (await connectSandboxMagalu(sandbox.url, SELLER)).credentials;
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

beforeEach(async () => {
  saved = [];
  await sandbox.admin("/admin/faults", { errorRate: 0, errorAfterApply: 0 });
  await sandbox.admin("/admin/magalu/rate-limit", { every: 0 });
});

function connection(overrides: Partial<MagaluCredentials> = {}): ConnectionInfo {
  return {
    channel: "magalu",
    baseUrl: sandbox.url,
    sellerCnpj: SELLER,
    credentials: { ...credentials, ...overrides },
    saveCredentials: (c, expiresAt) => {
      saved.push({ credentials: c, expiresAt });
    },
  };
}

const adapter = () => new MagaluAdapter(connection());

function createOrder(logisticsMode: "correios" | "own_carrier" | "magalu_entregas", status = "APPROVED") {
  return sandbox.admin<{ code: string }>("/admin/orders", { seller: SELLER, channel: "magalu", logisticsMode, status });
}

let keySeq = 0;
function nextKey(): string {
  const key = validKey(SELLER, 2026, 11);
  const body = `${key.slice(0, 25)}${String(++keySeq).padStart(9, "0")}${key.slice(34, 43)}`;
  const sum = [...body].reverse().reduce((total, c, i) => total + (c.charCodeAt(0) - 48) * (2 + (i % 8)), 0);
  const rest = sum % 11;
  return `${body}${rest < 2 ? 0 : 11 - rest}`;
}

const push = (code: string, kind: string, payload: Record<string, unknown>, a = adapter()) =>
  a.pushUpdate({ orderCode: code, kind, payload, idempotencyKey: `${kind}-${code}` });

async function updatesOf(code: string) {
  const { updates } = await sandbox.admin<{ updates: { code: string; kind: string }[] }>(
    `/admin/updates?seller=${SELLER}`,
  );
  return updates.filter((u) => u.code === code);
}

async function readOrder(code: string): Promise<MarketplaceOrder> {
  const order = await adapter().readOrder(code);
  if (!order) throw new Error(`order ${code} not found`);
  return order;
}

async function invoiced(code: string) {
  const key = nextKey();
  const result = await push(code, "invoice", {
    accessKey: key,
    issuedAt: "2026-11-20T10:00:00-03:00",
    xmlBase64: homologationXmlWithKey(key).toString("base64"),
  });
  return { key, result };
}

describe("connecting through ID Magalu", () => {
  it("the login page lists the sandbox's companies to grant", async () => {
    const query = new URLSearchParams({
      client_id: "fluxo-sandbox-magalu",
      redirect_uri: "http://127.0.0.1/retorno",
      response_type: "code",
      choose_tenants: "true",
    });
    const res = await fetch(`${sandbox.url}/id-magalu/login?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(SELLER);
  });

  it("stores the channel the connection sells on and a token pair that expires", () => {
    expect(credentials.channelId).toBe("9fe0d853-732b-4e4a-a0b0-cff988ed043d");
    expect(credentials.expiresAt).toBeGreaterThan(Date.now());
    expect(credentials.refreshToken).not.toBe(credentials.accessToken);
  });

  it("Testar conexão: ok with the pair, a sentence naming the fix without it", async () => {
    expect(await adapter().checkConnection()).toEqual({ ok: true });
    const wrongChannel = await new MagaluAdapter(
      connection({ channelId: "00000000-0000-0000-0000-000000000000" }),
    ).checkConnection();
    expect(wrongChannel).toMatchObject({ ok: false, cause: "refused" });
    expect(!wrongChannel.ok && wrongChannel.message).toContain("confira o endereço e o canal da conexão");
  });
});

describe("intake by polling orders and deliveries", () => {
  it("reads every new order once, then only what changed", async () => {
    const first = await adapter().pullOrders(null);
    const a = await createOrder("correios");
    const b = await createOrder("magalu_entregas", "NEW");
    let cursor = first.cursor;
    const seen: MarketplaceOrder[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await adapter().pullOrders(cursor);
      cursor = page.cursor;
      seen.push(...page.orders);
      if (page.orders.length === 0) break;
    }
    const codes = seen.map((o) => o.code);
    expect(codes).toContain(a.code);
    expect(codes).toContain(b.code);
    expect(codes.filter((c) => c === a.code)).toHaveLength(1);
    const mapped = seen.find((o) => o.code === b.code);
    expect(mapped).toMatchObject({ channel: "magalu", status: "NEW", logisticsMode: "magalu_entregas" });
    expect(mapped?.items.length).toBeGreaterThan(0);
    expect(mapped?.totalCents).toBe(
      (mapped?.items ?? []).reduce((s, i) => s + i.quantity * i.unitPriceCents, 0) + (mapped?.shippingCents ?? 0),
    );

    await invoiced(a.code);
    const again = await adapter().pullOrders(cursor);
    expect(again.orders.map((o) => o.code)).toEqual([a.code]);
    expect(again.orders[0]).toMatchObject({ status: "INVOICED", invoice: { awaitingValidation: true } });
  });
});

describe("the invoice", () => {
  it("goes with its XML, is awaiting validation until Magalu validates it, and is never sent twice", async () => {
    const { code } = await createOrder("correios");
    const { key, result } = await invoiced(code);
    expect(result.outcome).toBe("awaiting_confirmation");
    let order = await readOrder(code);
    expect(order.invoice).toEqual({ accessKey: key, awaitingValidation: true });
    expect(updateStateOn("invoice", { accessKey: key }, order)).toBe("awaiting");

    await sandbox.admin("/admin/tick", {});
    order = await readOrder(code);
    expect(order).toMatchObject({ status: "INVOICED", invoice: { accessKey: key, awaitingValidation: false } });
    expect(updateStateOn("invoice", { accessKey: key }, order)).toBe("applied");

    // Sent again (a retry after a lost answer): read back, acknowledged, no second call.
    const again = await push(code, "invoice", {
      accessKey: key,
      xmlBase64: homologationXmlWithKey(key).toString("base64"),
    });
    expect(again.outcome).toBe("acknowledged");
    expect((await updatesOf(code)).filter((u) => u.kind === "invoice")).toHaveLength(1);
  });

  it("is refused by key alone, naming the XML", async () => {
    const { code } = await createOrder("correios");
    const result = await push(code, "invoice", { accessKey: nextKey() });
    expect(result).toEqual({
      outcome: "rejected",
      reason: "A Magalu não aceita a nota fiscal só pela chave: envie o XML da NF-e pelo pedido.",
    });
    expect(await updatesOf(code)).toHaveLength(0);
  });

  it("a refusal reaches the seller in pt-BR with Magalu's own words quoted", async () => {
    const { code } = await createOrder("correios", "NEW");
    const { result } = await invoiced(code);
    expect(result.outcome).toBe("rejected");
    expect(result.outcome === "rejected" && result.reason).toMatch(/^A Magalu recusou a atualização \(“.+”\): corrija/);
  });
});

describe("shipping and delivery", () => {
  it("the seller's own shipping waits for the invoice's validation, goes as a shipping, then finishing", async () => {
    const { code } = await createOrder("correios");
    await invoiced(code);
    const shipment = {
      carrier: "correios",
      trackingCode: "QB123456789BR",
      method: "PAC",
      trackingUrl: "https://rastreamento.correios.com.br/app/index.php?objeto=QB123456789BR",
      handedAt: "2026-11-21T09:00:00-03:00",
    };
    expect(await push(code, "shipment", shipment)).toEqual({
      outcome: "transient",
      error: "A Magalu ainda está validando a nota fiscal deste pedido; o rastreio vai assim que ela for aceita.",
      retryAfterMs: 30_000,
      cause: "refused",
    });
    await sandbox.admin("/admin/tick", {});
    const shipped = await push(code, "shipment", shipment);
    expect(shipped.outcome).toBe("acknowledged");
    expect(await readOrder(code)).toMatchObject({
      status: "SHIPPED",
      shipment: { carrier: "correios", trackingCode: "QB123456789BR" },
    });
    expect((await push(code, "delivered", { deliveredAt: "2026-11-23T15:00:00-03:00" })).outcome).toBe("acknowledged");
    expect((await readOrder(code)).status).toBe("DELIVERED");
  });

  it("Magalu Entregas ships and delivers by itself: nothing is sent", async () => {
    const { code } = await createOrder("magalu_entregas");
    await invoiced(code);
    const shipment = await push(code, "shipment", {
      carrier: "other",
      trackingCode: "X1",
      method: "x",
      handedAt: "2026-11-21T09:00:00-03:00",
    });
    expect(shipment.outcome).toBe("rejected");
    expect((await push(code, "delivered", { deliveredAt: "2026-11-23T15:00:00-03:00" })).outcome).toBe("rejected");
    expect((await updatesOf(code)).map((u) => u.kind)).toEqual(["invoice"]);
    await sandbox.admin("/admin/tick", {});
    await sandbox.admin("/admin/tick", {});
    expect(await readOrder(code)).toMatchObject({ status: "SHIPPED", shipment: { method: "Magalu Entregas" } });
  });

  it("a delivery problem has no call in the Open API: refused with where to report it", async () => {
    const { code } = await createOrder("correios");
    const problem = await push(code, "delivery_problem", { occurredAt: "2026-11-22T10:00:00-03:00", observation: "x" });
    expect(problem.outcome === "rejected" && problem.reason).toContain("Portal do Seller");
    expect(await updatesOf(code)).toHaveLength(0);
  });
});

describe("tokens and faults", () => {
  it("an expired access token is refreshed once, stored before use, and the spent refresh token is not reused", async () => {
    const a = new MagaluAdapter(connection({ expiresAt: Date.now() - 1000 }));
    expect(await a.checkConnection()).toEqual({ ok: true });
    expect(saved).toHaveLength(1);
    const fresh = saved[0]?.credentials as unknown as MagaluCredentials;
    expect(fresh.refreshToken).not.toBe(credentials.refreshToken);
    expect(saved[0]?.expiresAt?.getTime()).toBe(fresh.expiresAt);
    credentials = fresh;
  });

  it("a refresh token already spent means reconnecting, said in pt-BR", async () => {
    // Another store's connection: this process's newer pair for the first one would stand in for the spent token.
    const a = new MagaluAdapter({
      ...connection({ expiresAt: Date.now() - 1000, refreshToken: "spent", accessToken: "old" }),
      sellerCnpj: "58716523000119",
    });
    const check = await a.checkConnection();
    expect(check).toMatchObject({ ok: false, cause: "refused" });
    expect(!check.ok && check.message).toContain("Conecte de novo em Conexões");
  });

  it("429 is worth retrying after Magalu's Retry-After", async () => {
    const { code } = await createOrder("correios");
    await sandbox.admin("/admin/magalu/rate-limit", { every: 1, retryAfterSeconds: 7 });
    const result = await push(code, "delivered", { deliveredAt: "2026-11-23T15:00:00-03:00" });
    expect(result).toMatchObject({ outcome: "transient", cause: "rate_limited", retryAfterMs: 7000 });
  });

  it("an answer lost after Magalu applied the shipping is read back, not sent again", async () => {
    const { code } = await createOrder("own_carrier");
    await invoiced(code);
    await sandbox.admin("/admin/tick", {});
    const payload = {
      carrier: "jadlog",
      trackingCode: "JD000111222",
      method: "Expresso",
      handedAt: "2026-11-21T09:00:00-03:00",
    };
    await sandbox.admin("/admin/faults", { errorAfterApply: 1 });
    const lost = await push(code, "shipment", payload);
    expect(lost).toMatchObject({ outcome: "transient", cause: "server_error" });
    await sandbox.admin("/admin/faults", { errorAfterApply: 0 });
    const order = await readOrder(code);
    expect(updateStateOn("shipment", payload, order)).toBe("applied");
    expect((await push(code, "shipment", payload)).outcome).toBe("acknowledged");
    expect((await updatesOf(code)).filter((u) => u.kind === "shipment")).toHaveLength(1);
  });
});
