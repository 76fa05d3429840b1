// Contract: every call the Magalu adapter makes, as the Open API documents it (method, path, query, headers, body),
// and its handling of each answer. A local node:http server stands in for api.magalu.com and id.magalu.com.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChannelCredentials, ConnectionInfo } from "@/server/channels/adapter";
import { MagaluAdapter } from "@/server/channels/magalu/adapter";

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answer: (req: Seen) => Answer;
let saved: ChannelCredentials[];
let store = 0;

const CHANNEL = "9fe0d853-732b-4e4a-a0b0-cff988ed043d";
const ORDER_ID = "11111111-1111-1111-1111-111111111111";
const DELIVERY_ID = "22222222-2222-2222-2222-222222222222";
const KEY = "35261106929383000163550010000012341000012345";

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const entry = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const a = answer(entry);
      const text = a.body === undefined ? "" : JSON.stringify(a.body);
      res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  saved = [];
  store++;
  answer = magalu();
});

function adapter(expiresAt = Date.now() + 3_600_000): MagaluAdapter {
  const connection: ConnectionInfo = {
    channel: "magalu",
    baseUrl,
    // A store of its own per test, so one test's refreshed pair never stands in for the next one's.
    sellerCnpj: `store-${store}`,
    credentials: {
      clientId: "app",
      clientSecret: "secret",
      authUrl: `${baseUrl}/id`,
      channelId: CHANNEL,
      accessToken: "access-1",
      refreshToken: "refresh-1",
      expiresAt,
    },
    saveCredentials: (c) => {
      saved.push(c);
    },
  };
  return new MagaluAdapter(connection);
}

const money = (value: number) => ({ value, normalizer: 100, currency: "BRL" });
const order = (extra: Record<string, unknown> = {}) => ({
  id: ORDER_ID,
  code: "LU-123456789",
  status: "approved",
  customer: { name: "Ana Souza", document_number: "123.456.789-09", email: null, phone: null },
  amounts: { total: money(36280), freight: money(1290) },
  created_at: "2026-11-20T10:00:00-03:00",
  approved_at: "2026-11-20T10:05:00-03:00",
  updated_at: "2026-11-20T10:05:00-03:00",
  deliveries: [{ id: DELIVERY_ID, status: "approved" }],
  ...extra,
});
const delivery = (extra: Record<string, unknown> = {}) => ({
  id: DELIVERY_ID,
  order: { id: ORDER_ID, code: "LU-123456789" },
  status: "approved",
  items: [{ sku: { code: "SKU-1", name: "Cafeteira" }, quantity: 2, unit_price: money(17495) }],
  logistics: { mode: "seller", provider: "Correios" },
  shipping: {
    address: {
      street: "Rua A",
      number: "10",
      district: "Centro",
      city: "Porto Alegre",
      state: "RS",
      zipcode: "90010-000",
    },
  },
  invoices: [],
  shippings: [],
  updated_at: "2026-11-20T10:05:00-03:00",
  ...extra,
});

/** Magalu answering reads with one order and its delivery; `write` answers the POST under test. */
function magalu(write: Answer = { status: 201, body: { status: "awaiting_validation" } }, extra = {}) {
  return (req: Seen): Answer => {
    if (req.method === "POST" && req.path === "/id/oauth/token") {
      return { status: 200, body: { access_token: "access-2", refresh_token: "refresh-2", expires_in: 7200 } };
    }
    if (req.path === "/seller/v1/orders") return { status: 200, body: { meta: { page: {} }, results: [order()] } };
    if (req.path === `/seller/v1/deliveries/${DELIVERY_ID}`) return { status: 200, body: delivery(extra) };
    return write;
  };
}

const invoicePayload = () => ({
  accessKey: KEY,
  issuedAt: "2026-11-20T11:00:00-03:00",
  xmlBase64: Buffer.from(
    `<nfeProc><infNFe Id="NFe${KEY}"><total><ICMSTot><vNF>362.80</vNF></ICMSTot></total></infNFe></nfeProc>`,
  ).toString("base64"),
});
const push = (kind: string, payload: Record<string, unknown>, a = adapter()) =>
  a.pushUpdate({ orderCode: "LU-123456789", kind, payload, idempotencyKey: "k" });
const post = () => seen.find((s) => s.method === "POST" && s.path.startsWith("/seller/"));

describe("reads", () => {
  it("finds the order by its code, then reads its delivery, with the Bearer token and X-Channel-Id", async () => {
    const read = await adapter().readOrder("LU-123456789");
    expect(seen.map((s) => `${s.method} ${s.path}?${s.query}`)).toEqual([
      "GET /seller/v1/orders?code=LU-123456789&_limit=1",
      `GET /seller/v1/deliveries/${DELIVERY_ID}?`,
    ]);
    for (const s of seen) {
      expect(s.headers.authorization).toBe("Bearer access-1");
      expect(s.headers["x-channel-id"]).toBe(CHANNEL);
    }
    expect(read).toMatchObject({
      code: "LU-123456789",
      status: "APPROVED",
      logisticsMode: "correios",
      customer: { document: "12345678909" },
      items: [{ sku: "SKU-1", quantity: 2, unitPriceCents: 17495 }],
      shippingCents: 1290,
      totalCents: 36280,
      address: { zip: "90010000", state: "RS" },
    });
  });

  it.each([
    ["new", "new", {}, "NEW"],
    ["cancelled", "cancelled", {}, "CANCELED"],
    ["approved", "cancelled", {}, "CANCELED"],
    ["approved", "approved", { invoices: [{ key: KEY, status: "invalid" }] }, "APPROVED"],
    ["approved", "frozen", { invoices: [{ key: KEY, status: "awaiting_validation" }] }, "INVOICED"],
    ["approved", "invoiced", { invoices: [{ key: KEY, status: "valid" }] }, "INVOICED"],
    ["approved", "shipped", { shippings: [{ protocol: "JD1", carrier: { name: "Jadlog" } }] }, "SHIPPED"],
    ["finished", "delivered", { logistics: { mode: "magalu_entregas" } }, "DELIVERED"],
  ])("order %s with delivery %s (%o) reads as %s", async (orderStatus, deliveryStatus, extra, expected) => {
    answer = (req) => {
      if (req.path === "/seller/v1/orders") {
        return { status: 200, body: { results: [order({ status: orderStatus })] } };
      }
      return { status: 200, body: delivery({ status: deliveryStatus, ...extra }) };
    };
    const read = await adapter().readOrder("LU-123456789");
    expect(read?.status).toBe(expected);
    if (deliveryStatus === "shipped")
      expect(read?.shipment).toEqual({ carrier: "jadlog", trackingCode: "JD1", method: "Jadlog" });
    if (deliveryStatus === "delivered") expect(read?.logisticsMode).toBe("magalu_entregas");
    if (expected === "APPROVED") expect(read?.invoice).toBeNull();
  });

  it("polls orders and deliveries changed since the cursor, sorted by creation, 50 at a time", async () => {
    answer = (req) => {
      if (req.path === "/seller/v1/orders") return { status: 200, body: { results: [order()] } };
      if (req.path === "/seller/v1/deliveries") return { status: 200, body: { results: [delivery()] } };
      return { status: 404 };
    };
    const first = await adapter().pullOrders(null);
    expect(first.orders.map((o) => o.code)).toEqual(["LU-123456789"]);
    const lists = seen.filter((s) => !s.path.includes(DELIVERY_ID));
    expect(lists.map((s) => `${s.path}?${s.query}`).sort()).toEqual([
      "/seller/v1/deliveries?_sort=created_at%3Aasc&_offset=0&_limit=50",
      "/seller/v1/orders?_sort=created_at%3Aasc&_offset=0&_limit=50",
    ]);
    seen = [];
    const second = await adapter().pullOrders(first.cursor);
    expect(second.orders).toEqual([]);
    expect(seen.every((s) => s.query.get("updated_at__ge") === "2026-11-20T10:05:00-03:00")).toBe(true);
  });
});

describe("the invoice", () => {
  it("posts key, date, amount, issuer and the XML to the delivery; awaiting_validation is not yet accepted", async () => {
    const result = await push("invoice", invoicePayload());
    expect(result).toEqual({
      outcome: "awaiting_confirmation",
      response: { status: "awaiting_validation" },
      checkAfterMs: 30_000,
    });
    const call = post();
    expect(call?.path).toBe(`/seller/v1/deliveries/${DELIVERY_ID}/invoices`);
    expect(call?.headers["content-type"]).toBe("application/json");
    expect(call?.headers["x-channel-id"]).toBe(CHANNEL);
    expect(JSON.parse(call?.body ?? "")).toEqual({
      channel: { id: CHANNEL },
      key: KEY,
      issued_at: "2026-11-20T11:00:00-03:00",
      amount: 36280,
      issuer: { document_number: "06929383000163" },
      xml: Buffer.from(invoicePayload().xmlBase64, "base64").toString("utf8"),
    });
  });

  it("is not sent again when Magalu already has it: awaiting, valid, or invalidated (then refused in pt-BR)", async () => {
    answer = magalu(undefined, { invoices: [{ key: KEY, status: "awaiting_validation" }] });
    expect((await push("invoice", invoicePayload())).outcome).toBe("awaiting_confirmation");
    answer = magalu(undefined, { status: "invoiced", invoices: [{ key: KEY, status: "valid" }] });
    expect((await push("invoice", invoicePayload())).outcome).toBe("acknowledged");
    answer = magalu(undefined, { invoices: [{ key: KEY, status: "invalid" }] });
    const invalid = await push("invoice", invoicePayload());
    expect(invalid.outcome === "rejected" && invalid.reason).toContain("A Magalu invalidou na validação");
    expect(post()).toBeUndefined();
  });
});

describe("shipping and finishing", () => {
  it("a shipping carries protocol, tracking link, carrier name and the date handed over", async () => {
    answer = magalu({ status: 201, body: { id: "s1", created_at: "2026-11-21T09:00:00-03:00" } });
    const result = await push("shipment", {
      carrier: "correios",
      trackingCode: "QB1BR",
      method: "PAC",
      trackingUrl: "https://rastreio/QB1BR",
      handedAt: "2026-11-21T09:00:00-03:00",
    });
    expect(result.outcome).toBe("acknowledged");
    expect(post()?.path).toBe(`/seller/v1/deliveries/${DELIVERY_ID}/shippings`);
    expect(JSON.parse(post()?.body ?? "")).toEqual({
      channel: { id: CHANNEL },
      protocol: "QB1BR",
      tracking_url: "https://rastreio/QB1BR",
      carrier: { name: "Correios" },
      dates: { shipped_at: "2026-11-21T09:00:00-03:00" },
    });
  });

  it("finishing says when it was delivered", async () => {
    answer = magalu({ status: 201, body: {} }, { status: "shipped" });
    expect((await push("delivered", { deliveredAt: "2026-11-23T15:00:00-03:00" })).outcome).toBe("acknowledged");
    expect(post()?.path).toBe(`/seller/v1/deliveries/${DELIVERY_ID}/finishing`);
    expect(JSON.parse(post()?.body ?? "")).toEqual({
      channel: { id: CHANNEL },
      delivered_at: "2026-11-23T15:00:00-03:00",
    });
  });
});

describe("answers", () => {
  const delivered = () => push("delivered", { deliveredAt: "2026-11-23T15:00:00-03:00" });

  it("422 validation error: refused with Magalu's words quoted in a pt-BR sentence", async () => {
    answer = magalu({
      status: 422,
      body: {
        error: "validation_error",
        message: "invalid request body",
        details: [{ field: "delivered_at", message: "is invalid" }],
      },
    });
    expect(await delivered()).toEqual({
      outcome: "rejected",
      reason:
        "A Magalu recusou a atualização (“invalid request body — delivered_at: is invalid”): corrija o que ela aponta e reenvie pelo pedido.",
    });
  });

  it("403: the app lacks the scope, said with where to fix it", async () => {
    answer = magalu({ status: 403, body: { message: "insufficient scope" } });
    const result = await delivered();
    expect(result.outcome === "rejected" && result.reason).toContain("Confira os escopos");
  });

  it("429 with Retry-After: worth retrying after that wait", async () => {
    answer = magalu({ status: 429, body: { message: "too many requests" }, headers: { "retry-after": "12" } });
    expect(await delivered()).toEqual({
      outcome: "transient",
      error: "Limite de requisições da Magalu (429)",
      retryAfterMs: 12_000,
      cause: "rate_limited",
    });
  });

  it("5xx on a write: worth retrying, the marketplace answered", async () => {
    answer = magalu({ status: 503, body: { message: "unavailable" } });
    expect(await delivered()).toMatchObject({ outcome: "transient", cause: "server_error", retryAfterMs: null });
  });

  it("401: one refresh at ID Magalu (form-encoded), stored before the call is made again", async () => {
    let first = true;
    const base = magalu({ status: 201, body: {} }, { status: "shipped" });
    answer = (req) => {
      if (req.path.startsWith("/seller/") && first) {
        first = false;
        return { status: 401, body: { message: "expired" } };
      }
      return base(req);
    };
    expect((await delivered()).outcome).toBe("acknowledged");
    const token = seen.find((s) => s.path === "/id/oauth/token");
    expect(token?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "refresh-1",
      client_id: "app",
      client_secret: "secret",
    });
    expect(saved).toMatchObject([{ accessToken: "access-2", refreshToken: "refresh-2" }]);
    expect(seen.at(-1)?.headers.authorization).toBe("Bearer access-2");
  });

  it("invalid_grant at refresh: the update waits for the seller to reconnect", async () => {
    answer = () => ({ status: 400, body: { error: "invalid_grant", error_description: "revoked" } });
    const result = await push("delivered", { deliveredAt: "2026-11-23T15:00:00-03:00" }, adapter(Date.now() - 1));
    expect(result).toMatchObject({ outcome: "transient", cause: "refused" });
    expect(result.outcome === "transient" && result.error).toContain("Conecte de novo em Conexões");
  });
});
