// Each call the Mercado Livre adapter makes, exactly as Mercado Livre documents it, against a local server that
// records the request and answers as ML would (docs/CHANNELS.md, "Mercado Livre").
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MercadoLivreAdapter } from "@/server/channels/mercado-livre/adapter";
import type { ChannelCredentials, ConnectionInfo } from "@/server/channels/registry";

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: string;
}
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let answer: (req: Seen) => Answer | "hang-up" = () => ({ status: 404, body: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const entry: Seen = {
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(entry);
      const a = answer(entry);
      if (a === "hang-up") {
        req.socket.destroy();
        return;
      }
      res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
      res.end(a.body === undefined ? "" : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let userSeq = 1000;
let saved: { credentials: ChannelCredentials; expiresAt: Date | null; requestsBefore: number }[] = [];

beforeEach(() => {
  seen = [];
  saved = [];
});

function connection(overrides: Partial<Record<string, string | number>> = {}): ConnectionInfo {
  userSeq++;
  return {
    channel: "mercado_livre",
    baseUrl,
    sellerCnpj: "06929383000163",
    credentials: {
      clientId: "123",
      clientSecret: "s3cret",
      accessToken: "AT-1",
      refreshToken: "RT-1",
      userId: String(userSeq),
      expiresAt: Date.now() + 6 * 3600_000,
      ...overrides,
    },
    saveCredentials: (credentials, expiresAt) => saved.push({ credentials, expiresAt, requestsBefore: seen.length }),
  };
}

const ORDER = {
  id: 2000012345678901,
  status: "paid",
  date_created: "2026-11-20T10:00:00.000-03:00",
  date_closed: "2026-11-20T10:01:00.000-03:00",
  last_updated: "2026-11-20T10:05:00.000-03:00",
  order_items: [{ item: { id: "MLB1", title: "Fone", seller_sku: "FONE-1" }, quantity: 2, unit_price: 99.9 }],
  total_amount: 199.8,
  shipping_cost: 12.5,
  shipping: { id: 41000000001 },
  billing_info: { id: "77" },
};
const SHIPMENT_ME2 = {
  id: 41000000001,
  mode: "me2",
  logistic_type: "drop_off",
  status: "ready_to_ship",
  substatus: "invoice_pending",
  tracking_number: null,
  destination: {
    shipping_address: {
      street_name: "Rua A",
      street_number: "10",
      comment: null,
      neighborhood: { name: "Centro" },
      city: { name: "Curitiba" },
      state: { id: "BR-PR" },
      zip_code: "80000-000",
    },
  },
};
const SHIPMENT_ME1 = { ...SHIPMENT_ME2, mode: "me1", logistic_type: null, status: "handling", substatus: null };
const BILLING = {
  buyer: { billing_info: { name: "Ana", last_name: "Souza", identification: { type: "CPF", number: "11257095617" } } },
};
const KEY = "41261106929383000163550010000000011000000010";

function marketplace(
  shipment: object,
  invoice: object | null = null,
  extra?: (req: Seen) => Answer | "hang-up" | undefined,
) {
  return (req: Seen): Answer | "hang-up" => {
    const custom = extra?.(req);
    if (custom) return custom;
    if (req.path === `/orders/${ORDER.id}`) return { status: 200, body: ORDER };
    if (req.path === "/shipments/41000000001") return { status: 200, body: shipment };
    if (req.path === "/orders/billing-info/MLB/77") return { status: 200, body: BILLING };
    if (req.path === "/shipments/41000000001/invoice_data") {
      return invoice
        ? { status: 200, body: invoice }
        : { status: 404, body: { message: "not found", error: "not_found", status: 404, cause: [] } };
    }
    return { status: 404, body: { message: "route", error: "not_found", status: 404, cause: [] } };
  };
}

const tokenAnswer = (n: number, userId: string) => ({
  status: 200,
  body: {
    access_token: `AT-${n}`,
    token_type: "Bearer",
    expires_in: 21600,
    scope: "offline_access read write",
    user_id: Number(userId),
    refresh_token: `RT-${n}`,
  },
});

describe("reading an order", () => {
  it("GETs the order, its shipment (x-format-new), the buyer's billing info and the shipment's NF-e, with the bearer token", async () => {
    answer = marketplace(SHIPMENT_ME2);
    const order = await new MercadoLivreAdapter(connection()).readOrder(String(ORDER.id));
    const calls = seen.map(
      (r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ""}`,
    );
    expect(calls.sort()).toEqual(
      [
        `GET /orders/${ORDER.id}`,
        "GET /orders/billing-info/MLB/77",
        "GET /shipments/41000000001",
        "GET /shipments/41000000001/invoice_data?siteId=MLB",
      ].sort(),
    );
    for (const r of seen) {
      expect(r.headers.authorization).toBe("Bearer AT-1");
      expect(r.body).toBe("");
    }
    expect(seen.find((r) => r.path === "/shipments/41000000001")?.headers["x-format-new"]).toBe("true");
    expect(order).toMatchObject({
      code: String(ORDER.id),
      channel: "mercado_livre",
      status: "APPROVED",
      logisticsMode: "me2",
      customer: { name: "Ana Souza", document: "11257095617" },
      address: { street: "Rua A", city: "Curitiba", state: "PR", zip: "80000000" },
      items: [{ sku: "FONE-1", quantity: 2, unitPriceCents: 9990 }],
      shippingCents: 1250,
      totalCents: 19980 + 1250,
      invoice: null,
      shipment: null,
    });
  });

  it.each([
    [{ status: "payment_required" }, {}, null, "NEW"],
    [{ status: "cancelled" }, {}, null, "CANCELED"],
    [{}, { status: "ready_to_ship", substatus: "invoice_pending" }, { fiscal_key: KEY }, "INVOICED"],
    [{}, { status: "ready_to_ship", substatus: "ready_to_print" }, { fiscal_key: KEY }, "INVOICED"],
    [{}, { status: "shipped", substatus: null, tracking_number: "MEL123" }, { fiscal_key: KEY }, "SHIPPED"],
    [
      {},
      { status: "shipped", substatus: "bad_address", tracking_number: "MEL123" },
      { fiscal_key: KEY },
      "SHIPMENT_EXCEPTION",
    ],
    [{}, { status: "not_delivered", substatus: "returning_to_sender" }, { fiscal_key: KEY }, "SHIPMENT_EXCEPTION"],
    [{}, { status: "delivered", substatus: null, tracking_number: "MEL123" }, { fiscal_key: KEY }, "DELIVERED"],
  ])("order %j with shipment %j reads as the hub's status", async (orderPatch, shipmentPatch, invoice, status) => {
    const order = { ...ORDER, ...orderPatch };
    answer = marketplace({ ...SHIPMENT_ME2, ...shipmentPatch }, invoice, (req) =>
      req.path === `/orders/${ORDER.id}` ? { status: 200, body: order } : undefined,
    );
    expect((await new MercadoLivreAdapter(connection()).readOrder(String(ORDER.id)))?.status).toBe(status);
  });

  it("an NF-e taken while the shipment is still invoice_pending awaits validation; the released label settles it", async () => {
    answer = marketplace({ ...SHIPMENT_ME2, substatus: "invoice_pending" }, { fiscal_key: KEY });
    const adapter = new MercadoLivreAdapter(connection());
    expect((await adapter.readOrder(String(ORDER.id)))?.invoice).toEqual({ accessKey: KEY, awaitingValidation: true });
    answer = marketplace({ ...SHIPMENT_ME2, substatus: "ready_to_print" }, { fiscal_key: KEY });
    expect((await adapter.readOrder(String(ORDER.id)))?.invoice).toEqual({ accessKey: KEY, awaitingValidation: false });
  });

  it.each([
    [{ mode: "me2", logistic_type: "drop_off" }, "me2"],
    [{ mode: "me2", logistic_type: "xd_drop_off" }, "me2"],
    [{ mode: "me2", logistic_type: "cross_docking" }, "mercado_envios_coleta"],
    [{ mode: "me2", logistic_type: "xd_same_day" }, "mercado_envios_coleta"],
    [{ mode: "me1", logistic_type: null }, "own_carrier"],
    [{ mode: "custom", logistic_type: null }, "own_carrier"],
    [{ mode: "not_specified", logistic_type: null }, "own_carrier"],
    [{ mode: "me2", logistic_type: "self_service" }, "me2"],
    [{ mode: "me2", logistic_type: "fulfillment" }, "me2"],
  ])("shipment %j is the hub's mode %s", async (patch, mode) => {
    answer = marketplace({ ...SHIPMENT_ME2, ...patch });
    expect((await new MercadoLivreAdapter(connection()).readOrder(String(ORDER.id)))?.logisticsMode).toBe(mode);
  });

  it("a GET answered 5xx or cut is tried again shortly, twice at most; a POST never", async () => {
    let failures = 2;
    answer = marketplace(SHIPMENT_ME2, null, (req) => {
      if (req.path !== "/shipments/41000000001") return undefined;
      if (failures-- > 0) return failures === 1 ? { status: 503, body: {} } : "hang-up";
      return undefined;
    });
    expect((await new MercadoLivreAdapter(connection()).readOrder(String(ORDER.id)))?.status).toBe("APPROVED");
    expect(seen.filter((r) => r.path === "/shipments/41000000001")).toHaveLength(3);

    seen = [];
    answer = () => ({ status: 500, body: {} });
    await expect(new MercadoLivreAdapter(connection()).readOrder(String(ORDER.id))).rejects.toThrow(/HTTP 500/);
    expect(seen).toHaveLength(3);

    seen = [];
    const pushed = await new MercadoLivreAdapter(connection()).pushUpdate({
      orderCode: String(ORDER.id),
      kind: "cancel",
      payload: { reason: "x" },
      idempotencyKey: "k",
    });
    expect(pushed.outcome).toBe("transient");
    expect(seen).toHaveLength(1);
  });

  it("an order without a shipment takes the billing address", async () => {
    const billing = {
      buyer: {
        billing_info: {
          ...BILLING.buyer.billing_info,
          address: {
            street_name: "Rua B",
            street_number: "20",
            neighborhood: "Batel",
            city_name: "Curitiba",
            state: { code: "PR" },
            zip_code: "80420-000",
          },
        },
      },
    };
    const order = { ...ORDER, shipping: { id: null } };
    answer = (req) =>
      req.path === `/orders/${ORDER.id}`
        ? { status: 200, body: order }
        : req.path === "/orders/billing-info/MLB/77"
          ? { status: 200, body: billing }
          : { status: 404, body: {} };
    expect(await new MercadoLivreAdapter(connection()).readOrder(String(ORDER.id))).toMatchObject({
      logisticsMode: "own_carrier",
      address: { street: "Rua B", number: "20", district: "Batel", city: "Curitiba", state: "PR", zip: "80420000" },
    });
    expect(seen.map((r) => r.path).sort()).toEqual([`/orders/${ORDER.id}`, "/orders/billing-info/MLB/77"].sort());
  });

  it("an unknown order is null (404)", async () => {
    answer = () => ({ status: 404, body: { message: "Order not found", error: "not_found", status: 404, cause: [] } });
    expect(await new MercadoLivreAdapter(connection()).readOrder("1")).toBeNull();
  });
});

describe("recovery polling", () => {
  it("searches the seller's orders by last update, date_asc, 50 a page, and moves the window only once it is read", async () => {
    const conn = connection();
    const userId = String(conn.credentials?.userId);
    const second = { ...ORDER, id: 2000012345678902, last_updated: "2026-11-20T10:07:00.000-03:00" };
    answer = marketplace(SHIPMENT_ME2, null, (req) => {
      if (req.path !== "/orders/search") return undefined;
      const offset = Number(req.query.offset);
      if (!req.query["order.date_last_updated.from"]) {
        return {
          status: 200,
          body: { results: offset === 0 ? [ORDER] : [second], paging: { total: 2, offset, limit: 50 } },
        };
      }
      return { status: 200, body: { results: [second], paging: { total: 1, offset, limit: 50 } } };
    });
    const adapter = new MercadoLivreAdapter(conn);
    const first = await adapter.pullOrders(null);
    const search = seen.find((r) => r.path === "/orders/search");
    expect(search?.query).toEqual({ seller: userId, sort: "date_asc", offset: "0", limit: "50" });
    expect(first.orders.map((o) => o.code)).toEqual([String(ORDER.id)]);
    expect(JSON.parse(first.cursor)).toMatchObject({ from: null, offset: 1 });

    const page2 = await adapter.pullOrders(first.cursor);
    expect(page2.orders.map((o) => o.code)).toEqual([String(second.id)]);
    expect(JSON.parse(page2.cursor)).toEqual({
      from: second.last_updated,
      offset: 0,
      skip: [String(second.id)],
      max: null,
      idsAtMax: [],
    });
    seen = [];
    // The next window starts at that instant: the order already delivered there is not delivered again.
    const page3 = await adapter.pullOrders(page2.cursor);
    expect(seen.find((r) => r.path === "/orders/search")?.query["order.date_last_updated.from"]).toBe(
      second.last_updated,
    );
    expect(page3.orders).toEqual([]);
  });
});

describe("pushing updates", () => {
  const xml = `<?xml version="1.0"?><nfeProc><NFe><infNFe Id="NFe${KEY}" versao="4.00"/></NFe></nfeProc>`;
  const push = (adapter: MercadoLivreAdapter, kind: string, payload: Record<string, unknown>) =>
    adapter.pushUpdate({ orderCode: String(ORDER.id), kind, payload, idempotencyKey: "k" });

  it("invoice: the NF-e XML itself as the body of POST /shipments/{id}/invoice_data/?siteId=MLB, answered awaiting", async () => {
    answer = marketplace(SHIPMENT_ME2, null, (req) =>
      req.method === "POST" ? { status: 201, body: { fiscal_key: KEY } } : undefined,
    );
    const result = await push(new MercadoLivreAdapter(connection()), "invoice", {
      accessKey: KEY,
      xmlBase64: Buffer.from(xml).toString("base64"),
    });
    const post = seen.find((r) => r.method === "POST");
    expect(post).toMatchObject({ path: "/shipments/41000000001/invoice_data/", query: { siteId: "MLB" }, body: xml });
    expect(post?.headers["content-type"]).toBe("application/xml");
    expect(post?.headers.authorization).toBe("Bearer AT-1");
    expect(result).toMatchObject({ outcome: "awaiting_confirmation" });
  });

  it("invoice without the XML is refused before any call that changes something", async () => {
    answer = marketplace(SHIPMENT_ME2);
    const result = await push(new MercadoLivreAdapter(connection()), "invoice", { accessKey: KEY });
    expect(result).toMatchObject({ outcome: "rejected" });
    expect(seen.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("ME1 tracking: POST /v2/shipments/{id}/seller_notifications with substatus JSON null, number and URL together", async () => {
    answer = marketplace(SHIPMENT_ME1, null, (req) =>
      req.method === "POST" ? { status: 200, body: { status: "OK" } } : undefined,
    );
    const result = await push(new MercadoLivreAdapter(connection()), "shipment", {
      carrier: "Jadlog",
      trackingCode: "JD123",
      method: "Expresso",
      trackingUrl: "https://jadlog.example/JD123",
      handedAt: "2026-11-21T12:00:00.000Z",
    });
    const post = seen.find((r) => r.method === "POST");
    expect(post?.path).toBe("/v2/shipments/41000000001/seller_notifications");
    expect(post?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(post?.body ?? "")).toEqual({
      status: "shipped",
      substatus: null,
      tracking_number: "JD123",
      tracking_url: "https://jadlog.example/JD123",
    });
    expect(result).toMatchObject({ outcome: "acknowledged" });
  });

  it("ME1 delivered and delivery problem go through the same endpoint", async () => {
    answer = marketplace(SHIPMENT_ME1, null, (req) =>
      req.method === "POST" ? { status: 200, body: { status: "OK" } } : undefined,
    );
    const adapter = new MercadoLivreAdapter(connection());
    expect(await push(adapter, "delivered", { deliveredAt: "2026-11-22T00:00:00Z" })).toMatchObject({
      outcome: "acknowledged",
    });
    expect(
      await push(adapter, "delivery_problem", { occurredAt: "2026-11-22T00:00:00Z", observation: "ausente" }),
    ).toMatchObject({
      outcome: "acknowledged",
    });
    const bodies = seen.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([
      { status: "delivered", substatus: null },
      { status: "shipped", substatus: "receiver_absent" },
    ]);
  });

  it("ME1 tracking without a URL is refused in pt-BR, nothing sent", async () => {
    answer = marketplace(SHIPMENT_ME1);
    const result = await push(new MercadoLivreAdapter(connection()), "shipment", { trackingCode: "JD123" });
    expect(result).toMatchObject({ outcome: "rejected", reason: expect.stringContaining("link de rastreio") });
    expect(seen.filter((r) => r.method === "POST")).toEqual([]);
  });

  it.each(["shipment", "delivered", "delivery_problem"])(
    "ME2: %s comes from Mercado Livre, never from the hub",
    async (kind) => {
      answer = marketplace(SHIPMENT_ME2);
      const result = await push(new MercadoLivreAdapter(connection()), kind, {
        trackingCode: "X",
        trackingUrl: "https://x",
      });
      expect(result).toMatchObject({ outcome: "rejected", reason: expect.stringContaining("Mercado Envios") });
      expect(seen.filter((r) => r.method === "POST")).toEqual([]);
    },
  );

  it("cancel: POST /orders/{id}/feedback with fulfilled:false, answered awaiting Mercado Livre's cancellation", async () => {
    answer = (req) => (req.method === "POST" ? { status: 201, body: {} } : { status: 404, body: {} });
    const result = await push(new MercadoLivreAdapter(connection()), "cancel", { reason: "Sem estoque do item" });
    const post = seen[0];
    expect(post?.path).toBe(`/orders/${ORDER.id}/feedback`);
    expect(JSON.parse(post?.body ?? "")).toEqual({
      fulfilled: false,
      rating: "neutral",
      message: "Sem estoque do item",
      reason: "SELLER_OUT_OF_STOCK",
      restock_item: true,
    });
    expect(result).toMatchObject({ outcome: "awaiting_confirmation" });
  });

  it.each([
    [400, "rejected", "O Mercado Livre recusou a atualização (“invalid xml"],
    [404, "rejected", "O Mercado Livre recusou a atualização (“invalid xml"],
    [422, "rejected", "O Mercado Livre recusou a atualização (“invalid xml"],
    [403, "rejected", "permissão"],
    [429, "transient", "429"],
    [500, "transient", "HTTP 500"],
    [503, "transient", "HTTP 503"],
  ])("an answer %i is %s", async (status, outcome, text) => {
    answer = marketplace(SHIPMENT_ME2, null, (req) =>
      req.method === "POST"
        ? { status, body: { message: "invalid xml", error: "bad_request", status, cause: [] } }
        : undefined,
    );
    const result = await push(new MercadoLivreAdapter(connection()), "invoice", {
      accessKey: KEY,
      xmlBase64: Buffer.from(xml).toString("base64"),
    });
    expect(result.outcome).toBe(outcome);
    expect(JSON.stringify(result)).toContain(text);
    if (result.outcome === "transient") expect(result.retryAfterMs).toBeNull();
  });

  it("a dropped connection is transient", async () => {
    answer = () => "hang-up";
    const result = await push(new MercadoLivreAdapter(connection()), "cancel", { reason: "x" });
    expect(result.outcome).toBe("transient");
  });
});

describe("tokens", () => {
  it("a 401 gets one refresh (form-encoded, single-use token stored before use) and one retry", async () => {
    const conn = connection();
    const userId = String(conn.credentials?.userId);
    answer = (req) => {
      if (req.path === "/oauth/token") return tokenAnswer(2, userId);
      if (req.headers.authorization === "Bearer AT-1")
        return { status: 401, body: { message: "invalid_token", error: "unauthorized", status: 401, cause: [] } };
      return { status: 200, body: { id: Number(userId) } };
    };
    expect(await new MercadoLivreAdapter(conn).checkConnection()).toEqual({ ok: true });
    expect(seen.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ""}`)).toEqual([
      "GET /users/me Bearer AT-1",
      "POST /oauth/token ",
      "GET /users/me Bearer AT-2",
    ]);
    const token = seen[1];
    expect(token?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "RT-1",
      client_id: "123",
      client_secret: "s3cret",
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]?.credentials).toMatchObject({ accessToken: "AT-2", refreshToken: "RT-2", userId });
    // Stored after the token answer and before the retry went out.
    expect(saved[0]?.requestsBefore).toBe(2);
  });

  it("a second 401 after the refresh is not retried again", async () => {
    const conn = connection();
    answer = (req) =>
      req.path === "/oauth/token"
        ? tokenAnswer(2, String(conn.credentials?.userId))
        : { status: 401, body: { message: "no", error: "unauthorized", status: 401, cause: [] } };
    const result = await new MercadoLivreAdapter(conn).pushUpdate({
      orderCode: "1",
      kind: "cancel",
      payload: { reason: "x" },
      idempotencyKey: "k",
    });
    expect(result.outcome).toBe("transient");
    expect(seen.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    expect(seen).toHaveLength(3);
  });

  it("a token about to expire is refreshed before the call", async () => {
    const conn = connection({ expiresAt: Date.now() + 60_000 });
    answer = (req) =>
      req.path === "/oauth/token" ? tokenAnswer(5, String(conn.credentials?.userId)) : { status: 200, body: {} };
    await new MercadoLivreAdapter(conn).checkConnection();
    expect(seen.map((r) => r.path)).toEqual(["/oauth/token", "/users/me"]);
    expect(seen[1]?.headers.authorization).toBe("Bearer AT-5");
  });

  it("invalid_grant means the connection is lost: the seller is told to reconnect", async () => {
    answer = (req) =>
      req.path === "/oauth/token"
        ? { status: 400, body: { error: "invalid_grant", error_description: "invalid_grant", status: 400, cause: [] } }
        : { status: 401, body: { message: "expired", error: "unauthorized", status: 401, cause: [] } };
    const check = await new MercadoLivreAdapter(connection()).checkConnection();
    expect(check).toMatchObject({ ok: false, message: expect.stringContaining("Conectar com o Mercado Livre") });
    const pushed = await new MercadoLivreAdapter(connection()).pushUpdate({
      orderCode: "1",
      kind: "cancel",
      payload: { reason: "x" },
      idempotencyKey: "k",
    });
    expect(pushed).toMatchObject({
      outcome: "transient",
      error: expect.stringContaining("Conectar com o Mercado Livre"),
    });
    expect(saved).toEqual([]);
  });

  it("lanes of one process spend a refresh token once, and a lane holding the old pair uses the new one", async () => {
    const base = connection({ expiresAt: Date.now() + 1000 });
    const userId = String(base.credentials?.userId);
    let refreshes = 0;
    answer = (req) => {
      if (req.path === "/oauth/token") {
        refreshes++;
        return tokenAnswer(9, userId);
      }
      return { status: 200, body: {} };
    };
    const lanes = [1, 2, 3].map(() => new MercadoLivreAdapter({ ...base }));
    await Promise.all(lanes.map((adapter) => adapter.checkConnection()));
    // A lane created later from the same (stale) credentials does not spend RT-1 again.
    await new MercadoLivreAdapter({ ...base }).checkConnection();
    expect(refreshes).toBe(1);
    expect(seen.filter((r) => r.path === "/users/me").map((r) => r.headers.authorization)).toEqual(
      Array(4).fill("Bearer AT-9"),
    );
  });
});
