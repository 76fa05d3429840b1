/**
 * An ERP that already integrates with the Americanas Marketplace (SkyHub) points its SkyHub client at Fluxo.
 * Every expectation below comes from SkyHub's public developer documentation; the short source names ([update],
 * [queues], ...) are listed with their addresses at the top of ./skyhub-client.ts. Where Fluxo answers differently,
 * the assertion stays as the docs say and the test fails: that failure is the recorded incompatibility.
 *
 * Incompatibilities it found when it was written, since fixed in Fluxo: the order code without its site prefix
 * ("<site name>-<marketplace code>"), the docs' own track url "www.correios.com.br" refused for lacking a scheme, and
 * a per_page above 100 refused instead of answered with 100.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { buildNfe } from "../fixtures/nfe-builder";
import { startErpApi } from "../integration/erp-client";
import { accountCnpj, correiosCode, validKey } from "../integration/flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "../integration/harness";
import { ingestAll, replicateAll } from "../integration/sandbox-sync";
import { SKYHUB_STATUS, SkyHubClient, type SkyHubOrder, type SkyHubResponse } from "./skyhub-client";

let world: TestWorld;
let sandbox: SandboxProcess;
let api: Awaited<ReturnType<typeof startErpApi>>;
let client: SkyHubClient;
let credentials: { email: string; apiKey: string };
let cnpjA = "";

const originalMode = process.env.FLUXO_NFE_MODE;

beforeAll(async () => {
  process.env.FLUXO_NFE_MODE = "sandbox"; // the sandbox's NF-e are homologation documents
  world = await createTestWorld(2);
  const accountA = world.accounts[0];
  if (!accountA) throw new Error("the test world has no account A");
  cnpjA = accountCnpj(world, accountA.id);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  await connectToSandbox(world.db, sandbox.url);
  await ingestAll(world.db); // the hub takes the marketplace's orders in
  api = await startErpApi(world.db, { limits: { reads: 1000, writes: 1000, queue: 1000 } });
  const created = await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "MeuERP" });
  credentials = { email: created.userEmail, apiKey: created.key };
  client = new SkyHubClient(api.url, { ...credentials, accountManagerKey: "meu-erp-account-manager-key" });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
  world?.close();
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
});

/** [update]/[issue]: dates are written "2019-01-27T12:30:00-03:00" (Brasília time). */
function brasiliaNow(offsetMinutes = 0): string {
  const shifted = new Date(Date.now() - 3 * 60 * 60 * 1000 + offsetMinutes * 60 * 1000);
  return `${shifted.toISOString().slice(0, 19)}-03:00`;
}

/** A valid NF-e key of the seller (account A) issued this month. */
function sellerKey(): string {
  const now = brasiliaNow();
  return validKey(cnpjA, Number(now.slice(0, 4)), Number(now.slice(5, 7)));
}

/** The marketplace (sandbox) receives a new approved Correios order for account A; the hub reads it in. */
async function marketplaceOrder(): Promise<string> {
  const created = await sandbox.admin<{ code: string }>("/admin/orders", {
    seller: cnpjA,
    channel: "americanas",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  await ingestAll(world.db);
  return created.code;
}

/** All orders of the account through GET /orders, page by page ([consult]/[filter]: page, per_page <= 100). */
async function allOrders(): Promise<SkyHubOrder[]> {
  const found: SkyHubOrder[] = [];
  for (let page = 1; page < 50; page++) {
    const answer = await client.orders({ page, perPage: 100 });
    expect(answer.status).toBe(200);
    const orders = answer.body?.orders ?? [];
    found.push(...orders);
    if (orders.length < 100) break;
  }
  return found;
}

/**
 * A new order of the marketplace as the ERP sees it: its SkyHub code is found in GET /orders.
 * [orders]: the code is "<site name>-<marketplace order code>"; the helper accepts any code that carries the
 * marketplace's code so that each test can run even where the code format differs (checked in its own test).
 */
async function newOrder(): Promise<SkyHubOrder> {
  const marketplaceCode = await marketplaceOrder();
  const order = (await allOrders()).find((o) => o.code.includes(marketplaceCode));
  if (!order) throw new Error(`order ${marketplaceCode} not listed by GET /orders`);
  return order;
}

/** The hub sends pending updates to the marketplace and reads it again, as SkyHub would forward them. */
async function sync(): Promise<void> {
  await replicateAll(world.db);
  await ingestAll(world.db);
}

/** [http]: "HTTP 2xx Codes indicate that the request was successful". */
function expectSuccess(answer: SkyHubResponse, what: string): void {
  expect(answer.status, `${what}: ${answer.text}`).toBeGreaterThanOrEqual(200);
  expect(answer.status, `${what}: ${answer.text}`).toBeLessThan(300);
}

/** [http]: "Whenever an error occurs, the API will return in the body of the message a JSON ... {error: "error message"}". */
function expectDocumentedError(answer: SkyHubResponse, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType ?? "").toMatch(/application\/json/);
  expect(answer.body).toEqual({ error: expect.any(String) });
  expect((answer.body as { error: string }).error.length).toBeGreaterThan(0);
}

/** The SKU the ERP ships: [orders] items[].id is the item's SKU (the shipment items use it as "sku"). */
function shipmentItems(order: SkyHubOrder): { sku: string; qty: number }[] {
  return order.items.map((item) => ({ sku: item.id, qty: item.qty }));
}

/**
 * [update-v1]: the tracking the docs show: code, carrier "Correios", method "SEDEX", url. The docs' example url is
 * "www.correios.com.br"; the loop uses a full https address so that it tests the flow, and the docs' exact example
 * has its own test.
 */
function correiosTrack(url = "https://www.correios.com.br") {
  return { code: correiosCode(), carrier: "Correios", method: "SEDEX", url };
}

async function statusOf(code: string): Promise<string | undefined> {
  const answer = await client.order(code);
  expect(answer.status).toBe(200);
  return answer.body?.status.code;
}

/** [orders]/[queues]: the fields SkyHub promises on an order. */
function expectDocumentedOrder(order: SkyHubOrder): void {
  expect(typeof order.code).toBe("string");
  expect(order.status).toEqual({ code: expect.any(String), label: expect.any(String), type: expect.any(String) });
  // [orders]: placed_at "2016-06-10T09:46:04-03:00", String (Date-time)
  expect(order.placed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
  expect(Number.isNaN(Date.parse(order.placed_at))).toBe(false);
  // [orders]: total_ordered 107.68, Number (Float) - the total in reais, not cents
  expect(typeof order.total_ordered).toBe("number");
  expect(order.total_ordered).toBeGreaterThan(0);
  expect(typeof order.channel).toBe("string");
  // [orders]: customer {name, email, date_of_birth, gender, vat_number, phones[]}
  expect(typeof order.customer.name).toBe("string");
  expect(order.customer.name.length).toBeGreaterThan(0);
  expect(typeof order.customer.vat_number).toBe("string");
  expect(Array.isArray(order.customer.phones)).toBe(true);
  // [orders]: shipping_address {street, number, detail, neighborhood, city, region, country, postcode}
  for (const field of ["street", "number", "neighborhood", "city", "region", "country", "postcode"] as const) {
    expect(typeof order.shipping_address[field], `shipping_address.${field}`).toBe("string");
  }
  // [orders]: items [{id, product_id, name, qty, original_price, special_price}]
  expect(order.items.length).toBeGreaterThan(0);
  for (const item of order.items) {
    expect(typeof item.id).toBe("string");
    expect(typeof item.name).toBe("string");
    expect(Number.isInteger(item.qty)).toBe(true);
    expect(typeof item.original_price).toBe("number");
    expect(typeof item.special_price).toBe("number");
  }
  // the total is the items plus the freight (and interest), in the same unit
  const items = order.items.reduce((sum, item) => sum + item.special_price * item.qty, 0);
  expect(order.total_ordered).toBeGreaterThanOrEqual(items - 0.01);
}

describe("SkyHub ERP loop against Fluxo, as documented", () => {
  test("GET /statuses lists the standard statuses as {code, label, type}", async () => {
    const answer = await client.statuses();
    expect(answer.status).toBe(200);
    const statuses = answer.body ?? [];
    expect(Array.isArray(statuses)).toBe(true);
    for (const status of statuses) {
      expect(status).toEqual({ code: expect.any(String), label: expect.any(String), type: expect.any(String) });
    }
    // [statuses] (order-integration guide): the statuses registered in SkyHub and their types
    const byCode = Object.fromEntries(statuses.map((s) => [s.code, s.type]));
    expect(byCode).toMatchObject({
      book_product: "NEW",
      payment_received: "APPROVED",
      order_canceled: "CANCELED",
      order_shipped: "SHIPPED",
      complete: "DELIVERED",
      shipment_exception: "SHIPMENT_EXCEPTION",
      order_invoiced: "INVOICED",
    });
  });

  test("the queue gives a new order one at a time, GET /orders/{code} reads it, DELETE acknowledges it", async () => {
    const marketplaceCode = await marketplaceOrder();
    // [queues]: "The queues query will return only one order at a time. After consumption it is necessary to delete
    // the request, and so on until there is no further information to retrieve."
    let found: SkyHubOrder | undefined;
    for (let i = 0; i < 50 && !found; i++) {
      const next = await client.nextQueuedOrder();
      if (next.status === 204) break;
      expect(next.status).toBe(200);
      const order = next.body as SkyHubOrder;
      expect(Array.isArray(order)).toBe(false); // one order, not a list
      expectDocumentedOrder(order);
      if (order.code.includes(marketplaceCode)) found = order;
      // [queues]: DELETE https://api.skyhub.com.br/queues/orders/{code}
      expectSuccess(await client.acknowledge(order.code), "DELETE /queues/orders/{code}");
    }
    expect(found, "the new marketplace order came through GET /queues/orders").toBeDefined();
    const queued = found as SkyHubOrder;
    // [queues]: the queue example of an approved order: status {type: APPROVED, label, code: payment_received}
    expect(queued.status.code).toBe(SKYHUB_STATUS.approved);
    expect(queued.status.type).toBe("APPROVED");

    // [consult]: GET https://api.skyhub.com.br/orders/{code} answers the same order
    const read = await client.order(queued.code);
    expect(read.status).toBe(200);
    expectDocumentedOrder(read.body as SkyHubOrder);
    expect(read.body?.code).toBe(queued.code);
    expect(read.body?.items.map((i) => i.id).sort()).toEqual(queued.items.map((i) => i.id).sort());
  });

  test("an acknowledged queue is empty: GET /queues/orders answers 204 No Content", async () => {
    await marketplaceOrder();
    for (let i = 0; i < 50; i++) {
      const next = await client.nextQueuedOrder();
      if (next.status !== 200) break;
      expectSuccess(await client.acknowledge((next.body as SkyHubOrder).code), "DELETE /queues/orders/{code}");
    }
    // [queues] "Dois possíveis retornos são esperados para o GET": 200 with one order, or 204 when the queue has
    // nothing more; [http]: 204 "No content - processed successfully and there is no additional content".
    const empty = await client.nextQueuedOrder();
    expect(empty.status).toBe(204);
    expect(empty.text).toBe("");
  });

  test("the order code is '<site name>-<marketplace code>', e.g. 'Lojas Americanas-00001'", async () => {
    const marketplaceCode = await marketplaceOrder();
    const order = (await allOrders()).find((o) => o.code.includes(marketplaceCode));
    expect(order).toBeDefined();
    // [orders] code: "Esse código é gerado pela SkyHub e consiste de duas partes separadas por um '-'. A primeira
    // parte contém o nome do site que o pedido foi realizado (ex: 'Submarino'), a segunda parte contém o código do
    // pedido gerado pelo marketplace." [consult]: "code": "Lojas Americanas-1000000000000"
    expect(order?.code).toBe(`${order?.channel}-${marketplaceCode}`);
  });

  test("the shipment track exactly as the docs' example writes it (url 'www.correios.com.br') is accepted", async () => {
    const order = await newOrder();
    expectSuccess(await client.invoiceByKey(order.code, sellerKey()), "POST /orders/{code}/invoice");
    await sync();
    // [update-v1]: "track":{"code":"BR1321830198302DR","carrier":"Correios","method":"SEDEX","url":"www.correios.com.br"}
    const answer = await client.ship(order.code, {
      items: shipmentItems(order),
      track: correiosTrack("www.correios.com.br"),
    });
    expectSuccess(answer, "POST /orders/{code}/shipments");
  });

  test("invoice by key (JSON), ship with items and track, mark delivered", async () => {
    const order = await newOrder();
    const key = sellerKey();
    // [update]/[issue]: {"status": "order_invoiced", "invoice": {"key": "<44 digits>", "issue_date": "..."}}
    expectSuccess(await client.invoiceByKey(order.code, key, brasiliaNow(-1)), "POST /orders/{code}/invoice");
    await sync();
    const invoiced = await client.order(order.code);
    expect(invoiced.body?.status.code).toBe(SKYHUB_STATUS.invoiced);
    expect(invoiced.body?.status.type).toBe("INVOICED");
    // [orders]: invoices [{key, number, line, issue_date}]
    expect(invoiced.body?.invoices?.map((i) => i.key)).toContain(key);

    // [update-v1]: {"status":"order_shipped","shipment":{"code":...,"items":[{"sku","qty"}],"track":{code,carrier,method,url}}}
    const track = correiosTrack();
    const shipped = await client.ship(order.code, {
      items: shipmentItems(order),
      track,
      deliveredCarrierDate: brasiliaNow(),
    });
    expectSuccess(shipped, "POST /orders/{code}/shipments");
    await sync();
    const afterShipping = await client.order(order.code);
    expect(afterShipping.body?.status.code).toBe(SKYHUB_STATUS.shipped);
    expect(afterShipping.body?.status.type).toBe("SHIPPED");
    // [queues]/[orders]: shipments [{code, items: [{sku, qty}], ...}]
    const shipment = afterShipping.body?.shipments?.[0];
    expect(shipment?.items).toEqual(expect.arrayContaining(shipmentItems(order)));
    expect(JSON.stringify(afterShipping.body?.shipments)).toContain(track.code);

    // [update]/[sdk Delivery]: {"status": "complete", "delivered_date": "..."}
    expectSuccess(await client.delivered(order.code, brasiliaNow()), "POST /orders/{code}/delivery");
    await sync();
    expect(await statusOf(order.code)).toBe(SKYHUB_STATUS.delivered);
  });

  test("invoice by NF-e XML (multipart/form-data: file, status, volume_qty, issue_date)", async () => {
    const order = await newOrder();
    const key = sellerKey();
    const xml = buildNfe({ key, totalCents: Math.round(order.total_ordered * 100) });
    // [sdk B2WDirectInvoiced]: parts file (text/xml, *.xml), status=order_invoiced, volume_qty, issue_date
    const answer = await client.invoiceByXml(order.code, xml, { volumeQty: 1, issueDate: brasiliaNow(-1) });
    expectSuccess(answer, "POST /orders/{code}/invoice (multipart XML)");
    await sync();
    const invoiced = await client.order(order.code);
    expect(invoiced.body?.status.code).toBe(SKYHUB_STATUS.invoiced);
    expect(invoiced.body?.invoices?.map((i) => i.key)).toContain(key);
  });

  test("report a shipment exception on a shipped order", async () => {
    const order = await newOrder();
    expectSuccess(await client.invoiceByKey(order.code, sellerKey()), "POST /orders/{code}/invoice");
    await sync();
    expectSuccess(
      await client.ship(order.code, { items: shipmentItems(order), track: correiosTrack() }),
      "POST /orders/{code}/shipments",
    );
    await sync();
    // [update]/[sdk ShipmentException]: {"status": "shipment_exception", "shipment_exception": {occurrence_date, observation}}
    const answer = await client.shipmentException(order.code, brasiliaNow(), "Destinatário ausente em três tentativas");
    expectSuccess(answer, "POST /orders/{code}/shipment_exception");
    await sync();
    const read = await client.order(order.code);
    // [statuses]: shipment_exception / "Exceção de Entrega (SkyHub)" / SHIPMENT_EXCEPTION
    expect(read.body?.status.code).toBe(SKYHUB_STATUS.shipmentException);
    expect(read.body?.status.type).toBe("SHIPMENT_EXCEPTION");
  });

  test("cancel an approved order", async () => {
    const order = await newOrder();
    // [update]/[sdk Cancel]: POST /orders/{code}/cancel {"status": "order_canceled"}
    expectSuccess(await client.cancel(order.code), "POST /orders/{code}/cancel");
    await sync();
    const read = await client.order(order.code);
    expect(read.body?.status.code).toBe(SKYHUB_STATUS.canceled);
    expect(read.body?.status.type).toBe("CANCELED");
  });

  test("bad credentials: 401 with {error}", async () => {
    // [http]: 401 "Authentication data is incorrect. Check the header of the request for the email and the token"
    const wrongKey = new SkyHubClient(api.url, { email: credentials.email, apiKey: "not-the-key" });
    expectDocumentedError(await wrongKey.statuses(), 401);
    expectDocumentedError(await wrongKey.nextQueuedOrder(), 401);
    const wrongEmail = new SkyHubClient(api.url, { email: "someone-else@example.com", apiKey: credentials.apiKey });
    expectDocumentedError(await wrongEmail.orders(), 401);
    // [auth]: "O cabeçalho (header) da requisição não contém (ou estão errados) os dados de acesso" -> 401
    const noHeaders = await fetch(`${api.url}/orders`, { headers: { Accept: "application/json" } });
    expect(noHeaders.status).toBe(401);
    expect(await noHeaders.json()).toEqual({ error: expect.any(String) });
  });

  test("unknown order: 404 with {error} on read and on every update", async () => {
    // [http]: 404 "You are trying to access a resource that does not exist on SkyHub"
    const unknown = "Lojas Americanas-999999999999999";
    expectDocumentedError(await client.order(unknown), 404);
    expectDocumentedError(await client.invoiceByKey(unknown, sellerKey()), 404);
    expectDocumentedError(await client.ship(unknown, { items: [{ sku: "X", qty: 1 }], track: correiosTrack() }), 404);
    expectDocumentedError(await client.delivered(unknown, brasiliaNow()), 404);
    expectDocumentedError(await client.shipmentException(unknown, brasiliaNow(), "x"), 404);
    expectDocumentedError(await client.cancel(unknown), 404);
  });

  test("invalid payloads: malformed JSON is 400, a status that does not exist is 422, a bad transition is 422", async () => {
    const order = await newOrder();
    // [http]: 400 "Malformed request - The request does not conform to the expected format. Check the JSON (body)"
    const malformed = await client.request("POST", `/orders/${encodeURIComponent(order.code)}/invoice`, {
      rawBody: '{"status": "order_invoiced", "invoice": {"key": ',
    });
    expectDocumentedError(malformed, 400);
    // [update]: "A utilização de um status que não existe na conta retornará erro 422."
    const unknownStatus = await client.request("POST", `/orders/${encodeURIComponent(order.code)}/invoice`, {
      json: { status: "status_que_nao_existe", invoice: { key: sellerKey() } },
    });
    expectDocumentedError(unknownStatus, 422);
    // [http]: 422 "Semantic error - ... the data avoid some business rule (eg invalid transition from order status)":
    // an approved order that was never invoiced nor shipped cannot be delivered
    expectDocumentedError(await client.delivered(order.code, brasiliaNow()), 422);
    // nothing changed
    expect(await statusOf(order.code)).toBe(SKYHUB_STATUS.approved);
  });

  test("invalid invoice key: an NF-e key must have 44 digits", async () => {
    const order = await newOrder();
    // [update]: "envio dos 44 dígitos da NFe"; [http]: 4xx "incorrect information ... absence of a required field"
    const short = await client.invoiceByKey(order.code, sellerKey().slice(0, 43));
    expect(short.status).toBeGreaterThanOrEqual(400);
    expect(short.status).toBeLessThan(500);
    expect(short.body).toEqual({ error: expect.any(String) });
    const missing = await client.request("POST", `/orders/${encodeURIComponent(order.code)}/invoice`, {
      json: { status: SKYHUB_STATUS.invoiced, invoice: {} },
    });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    expect(missing.body).toEqual({ error: expect.any(String) });
    expect(await statusOf(order.code)).toBe(SKYHUB_STATUS.approved);
  });

  test("GET /orders pages with page and per_page and answers {total, orders}", async () => {
    await newOrder();
    await newOrder();
    const all = await allOrders();
    expect(all.length).toBeGreaterThanOrEqual(2);
    // [consult]: {"total": 122, "orders": [...]}
    const first = await client.orders({ page: 1, perPage: 1 });
    expect(first.status).toBe(200);
    expect(first.body?.total).toBe(all.length);
    expect(first.body?.orders).toHaveLength(1);
    expectDocumentedOrder(first.body?.orders[0] as SkyHubOrder);
    // [auth]: "page: indica o número da página"; page 2 of size 1 is the second record
    const second = await client.orders({ page: 2, perPage: 1 });
    expect(second.body?.orders).toHaveLength(1);
    expect(second.body?.orders[0]?.code).not.toBe(first.body?.orders[0]?.code);
    // [auth]: "Caso não seja especificado, a primeira página será retornada (valor padrão 1)"
    const defaultPage = await client.orders({ perPage: 1 });
    expect(defaultPage.body?.orders[0]?.code).toBe(first.body?.orders[0]?.code);
    // past the last page: no orders, same total
    const beyond = await client.orders({ page: all.length + 1, perPage: 1 });
    expect(beyond.status).toBe(200);
    expect(beyond.body?.orders).toEqual([]);
    expect(beyond.body?.total).toBe(all.length);
  });

  test("GET /orders with per_page above the limit is not an error: it answers the limit", async () => {
    await newOrder();
    const all = await allOrders();
    // [auth]: "não resultará em erro, caso o valor especificado em per_page ultrapasse o valor limite, apenas será
    // retornada a quantidade limite de registros"; [filter]: per_page has 100 as default and maximum value
    const tooMany = await client.orders({ page: 1, perPage: 1000 });
    expect(tooMany.status, tooMany.text).toBe(200);
    expect(tooMany.body?.orders.length).toBe(Math.min(all.length, 100));
  });

  test("GET /orders?filters[statuses][]=<code> lists only the orders in that status", async () => {
    const canceled = await newOrder();
    expectSuccess(await client.cancel(canceled.code), "POST /orders/{code}/cancel");
    await sync();
    const approved = await newOrder();
    // [filter]: https://api.skyhub.com.br/orders?filters[statuses][]=order_canceled
    const onlyCanceled = await client.orders({ statuses: [SKYHUB_STATUS.canceled], perPage: 100 });
    expect(onlyCanceled.status).toBe(200);
    const codes = onlyCanceled.body?.orders.map((o) => o.code) ?? [];
    expect(codes).toContain(canceled.code);
    expect(codes).not.toContain(approved.code);
    for (const order of onlyCanceled.body?.orders ?? []) expect(order.status.code).toBe(SKYHUB_STATUS.canceled);
    expect(onlyCanceled.body?.total).toBe(codes.length);
    // [sdk OrderHandler::orders]: filters[statuses] is a list; two codes give the orders in either status
    const either = await client.orders({ statuses: [SKYHUB_STATUS.canceled, SKYHUB_STATUS.approved], perPage: 100 });
    const eitherCodes = either.body?.orders.map((o) => o.code) ?? [];
    expect(eitherCodes).toEqual(expect.arrayContaining([canceled.code, approved.code]));
    for (const order of either.body?.orders ?? []) {
      expect([SKYHUB_STATUS.canceled, SKYHUB_STATUS.approved]).toContain(order.status.code);
    }
  });
});
