// Contract: every call the adapter makes, as SkyHub documents it, and its handling of each documented answer.
// A local node:http server stands in for api.skyhub.com.br and records what arrives.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConnectionInfo } from "../adapter";
import { SkyhubAdapter } from "./adapter";

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
type Answer = { status: number; body?: unknown };

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answers: ((req: Seen) => Answer)[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const answer: Answer = (answers.shift() ?? (() => ({ status: 204 })))(entry);
      const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let store = 0;
beforeEach(() => {
  seen = [];
  answers = [];
  store++;
});

// A store of its own per test, so the per-key limits of one test never slow the next.
function adapter(credentials: ConnectionInfo["credentials"] = null): SkyhubAdapter {
  return new SkyhubAdapter({
    channel: "americanas",
    baseUrl,
    sellerCnpj: "06929383000163",
    credentials: credentials ?? {
      userEmail: "loja@example.com.br",
      apiKey: `key-${store}`,
      accountManagerKey: "platform",
    },
    saveCredentials: () => {},
  });
}

function skyhubOrder(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    channel: "Lojas Americanas",
    placed_at: "2026-03-09T10:02:11-03:00",
    updated_at: "2026-03-09T10:05:00-03:00",
    approved_date: "2026-03-09T10:04:00-03:00",
    total_ordered: 362.8,
    shipping_cost: 12.9,
    shipping_method: "Correios PAC",
    calculation_type: null,
    status: { code: "payment_received", label: "Aprovado (SkyHub)", type: "APPROVED" },
    customer: {
      name: "Daniel Cardoso",
      email: "d@example.com.br",
      vat_number: "067.393.223-09",
      phones: ["(61) 91037-3211"],
    },
    shipping_address: {
      street: "Avenida Afonso Pena",
      number: "218",
      detail: "Apto 12",
      neighborhood: "Batel",
      city: "Brasília",
      region: "DF",
      postcode: "70132-202",
    },
    items: [{ id: "AIR-FRY-4L", name: "Fritadeira", qty: 1, original_price: 399.9, special_price: 349.9 }],
    invoices: [],
    shipments: [],
    ...extra,
  };
}

function expectSkyhubHeaders(req: Seen | undefined) {
  expect(req?.headers["x-user-email"]).toBe("loja@example.com.br");
  expect(req?.headers["x-api-key"]).toBe(`key-${store}`);
  expect(req?.headers["x-accountmanager-key"]).toBe("platform");
  expect(req?.headers.accept).toBe("application/json");
}

describe("order queue", () => {
  it("reads one order per GET until 204, and DELETEs them on the next pull only", async () => {
    answers = [
      () => ({ status: 200, body: skyhubOrder("Lojas Americanas-1517940500554-01") }),
      () => ({ status: 204 }),
    ];
    const first = await adapter().pullOrders(null);
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /queues/orders", "GET /queues/orders"]);
    expectSkyhubHeaders(seen[0]);
    expect(first.orders).toHaveLength(1);
    expect(first.orders[0]).toMatchObject({
      code: "Lojas Americanas-1517940500554-01",
      status: "APPROVED",
      logisticsMode: "correios",
      customer: { document: "06739322309", phone: "(61) 91037-3211" },
      address: { complement: "Apto 12", district: "Batel", state: "DF", zip: "70132202" },
      items: [{ sku: "AIR-FRY-4L", quantity: 1, unitPriceCents: 34990 }],
      shippingCents: 1290,
      totalCents: 36280,
      seq: Date.parse("2026-03-09T10:05:00-03:00"),
    });

    seen = [];
    answers = [() => ({ status: 204 }), () => ({ status: 200 })];
    const second = await adapter().pullOrders(first.cursor);
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      "DELETE /queues/orders/Lojas%20Americanas-1517940500554-01",
      "GET /queues/orders",
    ]);
    expectSkyhubHeaders(seen[0]);
    expect(second.orders).toEqual([]);

    // The same cursor again (the hub saves no cursor after an empty page): not deleted twice.
    seen = [];
    answers = [() => ({ status: 204 })];
    await adapter().pullOrders(first.cursor);
    expect(seen.map((r) => r.method)).toEqual(["GET"]);
  });

  it("maps the B2W Entrega modes, invoices and tracks, and leaves an unknown status type in the queue", async () => {
    const key = "35260306929383000163550010000000011100000016";
    answers = [
      () => ({
        status: 200,
        body: skyhubOrder("A-1", {
          calculation_type: "b2wentregadirect",
          status: { code: "order_shipped", label: "Enviado", type: "SHIPPED" },
          invoices: [{ key }],
          shipments: [{ code: "A-1", tracks: [{ code: "B2W123", carrier: "B2W", method: "B2W Entrega" }] }],
        }),
      }),
      () => ({ status: 200, body: skyhubOrder("A-2", { calculation_type: "b2wentregacorreios" }) }),
      () => ({ status: 200, body: skyhubOrder("A-3", { status: { code: "processing_store", type: "STORE" } }) }),
      () => ({ status: 204 }),
    ];
    const page = await adapter().pullOrders(null);
    expect(page.orders.map((o) => [o.code, o.logisticsMode, o.status])).toEqual([
      ["A-1", "b2w_entregas_direct", "SHIPPED"],
      ["A-2", "b2w_entregas", "APPROVED"],
    ]);
    expect(page.orders[0]?.invoice).toEqual({ accessKey: key });
    expect(page.orders[0]?.shipment).toEqual({ carrier: "B2W", trackingCode: "B2W123", method: "B2W Entrega" });
    expect(JSON.parse(page.cursor).ack).toEqual(["A-1", "A-2"]);
  });

  it("throws a pt-BR error when SkyHub refuses the keys", async () => {
    answers = [() => ({ status: 401, body: { error: "Unauthorized" } })];
    await expect(adapter().pullOrders(null)).rejects.toThrow(/Conexões/);
  });
});

describe("order calls", () => {
  const code = "Lojas Americanas-1517940500554-01";
  const encoded = "Lojas%20Americanas-1517940500554-01";

  async function push(kind: string, payload: Record<string, unknown>, reply: Answer = { status: 204 }) {
    answers = [() => reply];
    const result = await adapter().pushUpdate({ orderCode: code, kind, payload, idempotencyKey: "k" });
    const request = seen.at(-1);
    expectSkyhubHeaders(request);
    return { result, request, json: request?.body ? JSON.parse(request.body) : null };
  }

  it("invoice: POST /orders/{code}/invoice with the key, status order_invoiced and the issue date in -03:00", async () => {
    answers = [() => ({ status: 200, body: skyhubOrder(code) })];
    const key = "35260306929383000163550010000000011100000016";
    answers.push(() => ({ status: 204 }));
    const result = await adapter().pushUpdate({
      orderCode: code,
      kind: "invoice",
      payload: { accessKey: key, issuedAt: "2026-03-10T13:00:00.000Z", hasXml: false },
      idempotencyKey: "k",
    });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /orders/${encoded}`,
      `POST /orders/${encoded}/invoice`,
    ]);
    expect(seen[1]?.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(seen[1]?.body ?? "")).toEqual({
      status: "order_invoiced",
      invoice: { key, issue_date: "2026-03-10T10:00:00-03:00" },
    });
    expect(result.outcome).toBe("acknowledged");
  });

  it("invoice of a B2W Entrega Direct order with its XML: multipart with file, status, volume_qty, issue_date", async () => {
    answers = [
      () => ({ status: 200, body: skyhubOrder(code, { calculation_type: "b2wentregadirect" }) }),
      () => ({ status: 201 }),
    ];
    const xml = '<nfeProc><NFe><infNFe Id="NFe35260306929383000163550010000000011100000016"/></NFe></nfeProc>';
    await adapter().pushUpdate({
      orderCode: code,
      kind: "invoice",
      payload: {
        accessKey: "35260306929383000163550010000000011100000016",
        xmlBase64: Buffer.from(xml).toString("base64"),
      },
      idempotencyKey: "k",
    });
    const request = seen[1];
    expect(request?.path).toBe(`/orders/${encoded}/invoice`);
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toContain('name="file"; filename="35260306929383000163550010000000011100000016.xml"');
    expect(request?.body).toContain("Content-Type: text/xml");
    expect(request?.body).toContain(xml);
    expect(request?.body).toMatch(/name="status"\r\n\r\norder_invoiced\r\n/);
    expect(request?.body).toMatch(/name="volume_qty"\r\n\r\n1\r\n/);
  });

  it("shipment: POST /orders/{code}/shipments with the order's items and the track", async () => {
    answers = [() => ({ status: 200, body: skyhubOrder(code) })];
    await adapter().readOrder(code);
    const { json, request } = await push("shipment", {
      carrier: "correios",
      trackingCode: "QB123456785BR",
      method: "SEDEX",
      trackingUrl: "https://rastreamento.correios.com.br/QB123456785BR",
      handedAt: "2026-03-10T03:00:00.000Z",
      invoiceKey: "x",
    });
    expect(request?.path).toBe(`/orders/${encoded}/shipments`);
    expect(json).toEqual({
      status: "order_shipped",
      shipment: {
        code,
        delivered_carrier_date: "2026-03-10T00:00:00-03:00",
        items: [{ sku: "AIR-FRY-4L", qty: 1 }],
        track: {
          code: "QB123456785BR",
          carrier: "Correios",
          method: "SEDEX",
          url: "https://rastreamento.correios.com.br/QB123456785BR",
        },
      },
    });
  });

  it("delivered, delivery problem and cancel: their paths and bodies", async () => {
    let sent = await push("delivered", { deliveredAt: "2026-03-12T18:00:00.000Z" });
    expect([sent.request?.path, sent.json]).toEqual([
      `/orders/${encoded}/delivery`,
      { status: "complete", delivered_date: "2026-03-12T15:00:00-03:00" },
    ]);
    sent = await push("delivery_problem", {
      occurredAt: "2026-03-11T12:00:00.000Z",
      observation: "Destinatário ausente",
    });
    expect([sent.request?.path, sent.json]).toEqual([
      `/orders/${encoded}/shipment_exception`,
      {
        status: "shipment_exception",
        shipment_exception: { occurrence_date: "2026-03-11T09:00:00-03:00", observation: "Destinatário ausente" },
      },
    ]);
    sent = await push("cancel", { reason: "Cliente desistiu" });
    expect([sent.request?.path, sent.json]).toEqual([`/orders/${encoded}/cancel`, { status: "order_canceled" }]);
  });

  it("maps SkyHub's answers: 2xx, 422 {error}, 401, 429, 5xx", async () => {
    const delivered = { deliveredAt: "2026-03-12T18:00:00.000Z" };
    expect((await push("delivered", delivered, { status: 201, body: {} })).result.outcome).toBe("acknowledged");
    expect((await push("delivered", delivered, { status: 422, body: { error: "Pedido já entregue" } })).result).toEqual(
      {
        outcome: "rejected",
        reason: "A Americanas respondeu: Pedido já entregue",
      },
    );
    const keys = (await push("delivered", delivered, { status: 401, body: { error: "Unauthorized" } })).result;
    expect(keys.outcome === "rejected" && keys.reason).toMatch(/chaves de acesso da SkyHub.*Conexões/);
    expect((await push("delivered", delivered, { status: 429 })).result).toMatchObject({
      outcome: "transient",
      retryAfterMs: 1000,
    });
    expect((await push("delivered", delivered, { status: 503 })).result).toMatchObject({
      outcome: "transient",
      retryAfterMs: 1000,
    });
  });

  it("after a 429 the next call on that endpoint waits for the next second", async () => {
    await push("cancel", { reason: "x" }, { status: 429 });
    const started = Date.now();
    await push("cancel", { reason: "x" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("order reads are kept to one per second per store", async () => {
    answers = [() => ({ status: 200, body: skyhubOrder(code) }), () => ({ status: 200, body: skyhubOrder(code) })];
    const started = Date.now();
    await Promise.all([adapter().readOrder(code), adapter().readOrder(code)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("without credentials nothing is sent and the seller is told where to enter them", async () => {
    const none = new SkyhubAdapter({
      channel: "americanas",
      baseUrl,
      sellerCnpj: "06929383000163",
      credentials: null,
      saveCredentials: () => {},
    });
    const result = await none.pushUpdate({ orderCode: code, kind: "cancel", payload: {}, idempotencyKey: "k" });
    expect(result.outcome === "rejected" && result.reason).toMatch(/Conexões/);
    expect(seen).toEqual([]);
  });
});

describe("checkConnection", () => {
  it("is one authenticated GET /statuses, with pt-BR messages for 401 and an unreachable address", async () => {
    answers = [() => ({ status: 200, body: [] })];
    expect(await adapter().checkConnection()).toEqual({ ok: true });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /statuses"]);
    expectSkyhubHeaders(seen[0]);
    answers = [() => ({ status: 401, body: { error: "Unauthorized" } })];
    const refused = await adapter().checkConnection();
    expect(refused.ok === false && refused.message).toMatch(/Conexões/);
    const away = new SkyhubAdapter({
      channel: "americanas",
      baseUrl: "http://127.0.0.1:1",
      sellerCnpj: "06929383000163",
      credentials: { userEmail: "a@b.c", apiKey: "k", accountManagerKey: "p" },
      saveCredentials: () => {},
    });
    const down = await away.checkConnection();
    expect(down.ok === false && down.message).toMatch(/não respondeu.*endereço/);
  });
});
