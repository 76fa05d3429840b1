// Contract: every call the Mirakl adapter makes, as Mirakl's MMP seller API documents it, and its handling of each
// answer. A local node:http server stands in for the operator's instance and records what arrives.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConnectionInfo } from "../adapter";
import { MiraklAdapter } from "./adapter";

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}
type Answer = { status: number; body?: unknown; headers?: Record<string, string>; drop?: boolean };

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answers: ((req: Seen) => Answer)[];

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
      const answer: Answer = (answers.shift() ?? (() => ({ status: 204 })))(entry);
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
      const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...answer.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let shop = 0;
beforeEach(() => {
  seen = [];
  answers = [];
  shop++;
});

const KEY = "35260306929383000163550010000000421100000016";

// A shop of its own per test, so one test's polling turn never holds back the next.
function adapter(extra: Record<string, string | null> = {}): MiraklAdapter {
  return new MiraklAdapter({
    channel: "carrefour",
    baseUrl,
    sellerCnpj: "06929383000163",
    credentials: { apiKey: `shop-key-${shop}`, invoiceMethod: "additional_fields", ...extra },
    saveCredentials: () => {},
  } satisfies ConnectionInfo);
}

function miraklOrder(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: id,
    order_state: "SHIPPING",
    created_date: "2026-03-09T13:00:00Z",
    last_updated_date: "2026-03-09T13:05:00Z",
    customer_debited_date: "2026-03-09T13:02:00Z",
    customer_notification_email: "c@example.com.br",
    customer: {
      firstname: "Daniel",
      lastname: "Cardoso",
      shipping_address: {
        street_1: "Avenida Afonso Pena, 218",
        street_2: "Batel",
        additional_info: "Apto 12",
        city: "Curitiba",
        state: "pr",
        zip_code: "80240-000",
        phone: "(41) 91037-3211",
      },
    },
    order_additional_fields: [{ code: "customer-cpf-cnpj", type: "STRING", value: "067.393.223-09" }],
    order_lines: [
      {
        order_line_id: `${id}-1`,
        offer_sku: "AIR-FRY-4L",
        product_title: "Fritadeira",
        quantity: 1,
        price_unit: 349.9,
      },
      { order_line_id: `${id}-2`, offer_sku: "CABO-USB", product_title: "Cabo", quantity: 2, price_unit: 19.9 },
    ],
    shipping_price: 12.9,
    total_price: 402.6,
    shipping_type_code: "CORREIOS",
    shipping_type_label: "Correios",
    ...extra,
  };
}

function expectShopKey(req: Seen | undefined) {
  expect(req?.headers.authorization).toBe(`shop-key-${shop}`);
  expect(req?.headers.accept).toBe("application/json");
}

describe("OR11 polling", () => {
  it("reads every page of a run at once, maps the order, and starts the next run only a minute later", async () => {
    const full = Array.from({ length: 100 }, (_, i) =>
      miraklOrder(`P-${i}`, { last_updated_date: `2026-03-09T13:${String(i % 60).padStart(2, "0")}:00Z` }),
    );
    answers = [() => ({ status: 200, body: { orders: full, total_count: 101 } })];
    answers.push(() => ({ status: 200, body: { orders: [miraklOrder("P-100")], total_count: 101 } }));
    const first = await adapter().pullOrders(null);
    expect(first.orders).toHaveLength(100);
    expect(seen[0]?.path).toBe("/api/orders");
    expect(Object.fromEntries(seen[0]?.query ?? [])).toEqual({ offset: "0", max: "100" });
    expectShopKey(seen[0]);
    const second = await adapter().pullOrders(first.cursor);
    expect(Object.fromEntries(seen[1]?.query ?? [])).toEqual({ offset: "100", max: "100" });
    expect(second.orders[0]).toMatchObject({
      code: "P-100",
      channel: "carrefour",
      status: "APPROVED",
      logisticsMode: "correios",
      customer: {
        name: "Daniel Cardoso",
        document: "06739322309",
        email: "c@example.com.br",
        phone: "(41) 91037-3211",
      },
      address: {
        street: "Avenida Afonso Pena",
        number: "218",
        complement: "Apto 12",
        district: "Batel",
        state: "PR",
        zip: "80240000",
      },
      items: [
        { sku: "AIR-FRY-4L", name: "Fritadeira", quantity: 1, unitPriceCents: 34990 },
        { sku: "CABO-USB", name: "Cabo", quantity: 2, unitPriceCents: 1990 },
      ],
      shippingCents: 1290,
      totalCents: 40260,
      approvedAt: "2026-03-09T13:02:00Z",
      seq: Date.parse("2026-03-09T13:05:00Z"),
    });

    // The run is over: within the minute nothing is asked, and the cursor stays as it was.
    const third = await adapter().pullOrders(second.cursor);
    expect(seen).toHaveLength(2);
    expect(third).toEqual({ orders: [], cursor: second.cursor });

    // A minute after the run began (its stored start moved back), the next run asks from the newest update seen.
    const aged = JSON.stringify({ ...JSON.parse(second.cursor), runAt: Date.now() - 61_000 });
    const stale = new MiraklAdapter({
      channel: "carrefour",
      baseUrl,
      sellerCnpj: "06929383000163",
      credentials: { apiKey: `shop-key-${shop}-restarted`, invoiceMethod: "additional_fields" },
      saveCredentials: () => {},
    });
    answers = [() => ({ status: 200, body: { orders: [], total_count: 0 } })];
    await stale.pullOrders(aged);
    expect(Object.fromEntries(seen[2]?.query ?? [])).toEqual({
      offset: "0",
      max: "100",
      start_update_date: "2026-03-09T13:59:00Z",
    });
  });

  it("maps Mirakl's states, the NF-e custom field and an incident; leaves STAGING for later", async () => {
    answers = [
      () => ({
        status: 200,
        body: {
          orders: [
            miraklOrder("W-1", { order_state: "WAITING_ACCEPTANCE", customer_debited_date: null }),
            miraklOrder("D-1", { order_state: "WAITING_DEBIT_PAYMENT", shipping_deadline: "2026-03-11T21:00:00Z" }),
            miraklOrder("I-1", {
              order_additional_fields: [
                { code: "nfe-key", value: KEY },
                { code: "cpf", value: "06739322309" },
              ],
            }),
            miraklOrder("S-1", {
              order_state: "SHIPPED",
              has_incident: true,
              shipping_tracking: "QB123",
              shipping_company: "Correios",
            }),
            miraklOrder("R-1", { order_state: "RECEIVED" }),
            miraklOrder("X-1", { order_state: "REFUSED" }),
            miraklOrder("G-1", { order_state: "STAGING" }),
          ],
        },
      }),
    ];
    const { orders } = await adapter().pullOrders(null);
    expect(orders.map((o) => [o.code, o.status])).toEqual([
      ["W-1", "AWAITING_ACCEPTANCE"],
      ["D-1", "NEW"],
      ["I-1", "INVOICED"],
      ["S-1", "SHIPMENT_EXCEPTION"],
      ["R-1", "DELIVERED"],
      ["X-1", "CANCELED"],
    ]);
    expect(orders[1]?.shipBy).toBe("2026-03-11T21:00:00Z");
    expect(orders[0]?.shipBy).toBeNull();
    expect(orders[2]?.invoice).toEqual({ accessKey: KEY });
    expect(orders[3]?.shipment).toEqual({ carrier: "Correios", trackingCode: "QB123", method: "Correios" });
  });

  it("sends shop_id for a multi-shop user, and says in pt-BR when the key is refused", async () => {
    answers = [() => ({ status: 401, body: { message: "Unauthorized", status: 401 } })];
    await expect(adapter({ shopId: "2010" }).pullOrders(null)).rejects.toThrow(/chave da loja.*Conexões/);
    expect(seen[0]?.query.get("shop_id")).toBe("2010");
  });
});

describe("order calls", () => {
  async function push(kind: string, payload: Record<string, unknown>, replies: Answer[], extra = {}) {
    answers = replies.map((reply) => () => reply);
    return adapter(extra).pushUpdate({ orderCode: "W-1", kind, payload, idempotencyKey: "k" });
  }
  const readW1 = { status: 200, body: { orders: [miraklOrder("W-1", { order_state: "WAITING_ACCEPTANCE" })] } };

  it("accept: reads the lines (OR11 order_ids), then OR21 with every line accepted", async () => {
    const result = await push("accept", {}, [readW1, { status: 204 }]);
    expect(result.outcome).toBe("acknowledged");
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/orders", "PUT /api/orders/W-1/accept"]);
    expect(seen[0]?.query.get("order_ids")).toBe("W-1");
    expectShopKey(seen[1]);
    expect(seen[1]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[1]?.body ?? "")).toEqual({
      order_lines: [
        { id: "W-1-1", accepted: true },
        { id: "W-1-2", accepted: true },
      ],
    });
  });

  it("refuse: OR21 with every line refused; an order past acceptance is refused in pt-BR", async () => {
    expect((await push("refuse", { reason: "sem estoque" }, [readW1, { status: 204 }])).outcome).toBe("acknowledged");
    expect(JSON.parse(seen[1]?.body ?? "").order_lines.map((l: { accepted: boolean }) => l.accepted)).toEqual([
      false,
      false,
    ]);
    const late = await push("accept", {}, [
      readW1,
      { status: 400, body: { message: "ORDER_INVALID_STATE: order W-1 is SHIPPING", status: 400 } },
    ]);
    expect(late).toEqual({ outcome: "rejected", reason: expect.stringMatching(/já não está na etapa/) });
  });

  it("invoice in custom fields: OR31 with the connection's codes, number and series from the key", async () => {
    const result = await push("invoice", { accessKey: KEY }, [{ status: 200, body: { order_update_result: {} } }], {
      nfeKeyField: "chave-nfe",
    });
    expect(result.outcome).toBe("acknowledged");
    expect(`${seen[0]?.method} ${seen[0]?.path}`).toBe("PUT /api/orders/W-1/additional_fields");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({
      order_additional_fields: [
        { code: "chave-nfe", value: KEY },
        { code: "nfe-number", value: "42" },
        { code: "nfe-series", value: "1" },
      ],
    });
    const refused = await push("invoice", { accessKey: KEY }, [
      {
        status: 200,
        body: {
          order_update_errors: { errors: [{ code: "UNKNOWN_FIELD", message: "Unknown additional field code" }] },
        },
      },
    ]);
    expect(refused).toEqual({ outcome: "rejected", reason: expect.stringMatching(/campos da NF-e.*Conexões/) });
  });

  it("invoice as a document: OR74 multipart with the XML and its type; needs the XML, lists failures", async () => {
    const xml = `<nfeProc><NFe><infNFe Id="NFe${KEY}"/></NFe></nfeProc>`;
    const payload = { accessKey: KEY, xmlBase64: Buffer.from(xml).toString("base64") };
    const docs = { invoiceMethod: "documents", nfeDocumentType: "NFE" };
    expect(
      (await push("invoice", payload, [{ status: 200, body: { errors_count: 0, order_documents: [] } }], docs)).outcome,
    ).toBe("acknowledged");
    const request = seen[0];
    expect(`${request?.method} ${request?.path}`).toBe("POST /api/orders/W-1/documents");
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toContain(`name="files"; filename="${KEY}.xml"`);
    expect(request?.body).toContain(xml);
    expect(request?.body).toContain(
      JSON.stringify({ order_documents: [{ file_name: `${KEY}.xml`, type_code: "NFE" }] }),
    );

    const failed = await push(
      "invoice",
      payload,
      [
        {
          status: 200,
          body: { errors_count: 1, order_documents: [{ errors: [{ message: "File type not allowed" }] }] },
        },
      ],
      docs,
    );
    expect(failed).toEqual({ outcome: "rejected", reason: expect.stringMatching(/arquivo da NF-e/) });
    seen = [];
    const noXml = await push("invoice", { accessKey: KEY }, [], docs);
    expect(noXml).toEqual({ outcome: "rejected", reason: expect.stringMatching(/XML/) });
    expect(seen).toEqual([]);
  });

  it("shipment: OR23 with the carrier's name, link and code, then OR24; a 5xx on OR24 is retried", async () => {
    const payload = { carrier: "correios", trackingCode: "QB123456789BR", trackingUrl: "https://rastreio.example/QB1" };
    expect((await push("shipment", payload, [{ status: 204 }, { status: 204 }])).outcome).toBe("acknowledged");
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /api/orders/W-1/tracking",
      "PUT /api/orders/W-1/ship",
    ]);
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({
      carrier_name: "Correios",
      carrier_url: "https://rastreio.example/QB1",
      tracking_number: "QB123456789BR",
    });
    expect(seen[1]?.body).toBe("");
    const failed = await push("shipment", payload, [{ status: 204 }, { status: 503 }]);
    expect(failed).toMatchObject({ outcome: "transient", cause: "server_error" });
  });

  it("cancel: OR29 without a body; a kind Mirakl has no call for is refused unsent", async () => {
    expect((await push("cancel", { reason: "cliente desistiu" }, [{ status: 204 }])).outcome).toBe("acknowledged");
    expect(`${seen[0]?.method} ${seen[0]?.path} ${seen[0]?.body}`).toBe("PUT /api/orders/W-1/cancel ");
    seen = [];
    // The channel rule offers neither a delivery nor a delivery problem on Carrefour; nothing else is ever sent.
    expect(await push("delivered", { deliveredAt: "2026-03-10" }, [])).toEqual({
      outcome: "rejected",
      reason: 'O Carrefour não recebe atualizações do tipo "delivered" pela API da Mirakl.',
    });
    expect(seen).toEqual([]);
  });

  it("answers: 401, 403, 404 refused in pt-BR; 429 waits its Retry-After; 500 and a dropped connection retried", async () => {
    expect(await push("cancel", {}, [{ status: 401, body: { message: "Unauthorized" } }])).toEqual({
      outcome: "rejected",
      reason: expect.stringMatching(/chave da loja/),
    });
    expect(await push("cancel", {}, [{ status: 403, body: { message: "Forbidden" } }])).toEqual({
      outcome: "rejected",
      reason: expect.stringMatching(/permissões/),
    });
    expect(await push("cancel", {}, [{ status: 404, body: { message: "ORDER_NOT_FOUND" } }])).toEqual({
      outcome: "rejected",
      reason: expect.stringMatching(/não encontrou o pedido/),
    });
    expect(
      await push("cancel", {}, [{ status: 400, body: { message: "Order cannot be canceled", status: 400 } }]),
    ).toEqual({
      outcome: "rejected",
      reason:
        "O Carrefour recusou a atualização com a mensagem “Order cannot be canceled”: corrija o pedido no Fluxo ou fale com o Carrefour.",
    });
    expect(await push("cancel", {}, [{ status: 429, headers: { "retry-after": "7" } }])).toMatchObject({
      outcome: "transient",
      retryAfterMs: 7000,
      cause: "rate_limited",
    });
    expect(await push("cancel", {}, [{ status: 500 }])).toMatchObject({ outcome: "transient", cause: "server_error" });
    expect(await push("cancel", {}, [{ status: 0, drop: true }])).toMatchObject({
      outcome: "transient",
      cause: "no_answer",
    });
  });
});

describe("reads and the connection test", () => {
  it("reads one order by OR11 order_ids and, for the documents method, its NF-e from OR72", async () => {
    answers = [
      () => ({ status: 200, body: { orders: [miraklOrder("W-1")] } }),
      () => ({
        status: 200,
        body: {
          order_documents: [
            { file_name: `${KEY}.xml`, type: "NFE" },
            { file_name: "label.pdf", type: "LABEL" },
          ],
        },
      }),
    ];
    const order = await adapter({ invoiceMethod: "documents", nfeDocumentType: "NFE" }).readOrder("W-1");
    expect(seen.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([
      "GET /api/orders?order_ids=W-1",
      "GET /api/orders/documents?order_ids=W-1",
    ]);
    expect(order).toMatchObject({ status: "INVOICED", invoice: { accessKey: KEY } });
    answers = [() => ({ status: 200, body: { orders: [] } })];
    expect(await adapter().readOrder("nope")).toBeNull();
  });

  it("tests the connection with one page of one order, never A01 (once a day)", async () => {
    answers = [() => ({ status: 200, body: { orders: [] } })];
    expect(await adapter().checkConnection()).toEqual({ ok: true });
    expect(`${seen[0]?.path}?${seen[0]?.query}`).toBe("/api/orders?max=1");
    answers = [() => ({ status: 401 })];
    expect(await adapter().checkConnection()).toMatchObject({ ok: false, message: expect.stringMatching(/Conexões/) });
    const missing = new MiraklAdapter({
      channel: "carrefour",
      baseUrl,
      sellerCnpj: "06929383000163",
      credentials: null,
      saveCredentials: () => {},
    });
    expect(await missing.checkConnection()).toMatchObject({ ok: false, cause: "refused" });
  });
});
