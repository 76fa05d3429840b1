// Runs the real sandbox program as a child process and talks to it over HTTP, as the hub will.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s10CheckDigit } from "../../server/domain/shipping/tracking";

const ROOT = new URL("../../", import.meta.url).pathname;
// The generator creates orders only for SELLER, so counts for OTHER_SELLER depend on the test alone.
const SELLER = "06929383000163";
const OTHER_SELLER = "58716523000119";

interface Running {
  url: string;
  child: ChildProcess;
}

function start(dbPath: string): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SANDBOX_PORT: "0",
      SANDBOX_DB: dbPath,
      SANDBOX_ORDER_INTERVAL_MS: "0",
      SANDBOX_SELLERS: SELLER,
      SANDBOX_SEED: "42",
      SANDBOX_FAULTS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`sandbox did not start: ${stderr}`));
    }, 20_000);
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const match = /^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}: ${stderr}`));
    });
  });
}

function stop(running: Running): Promise<number | null> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked by expect() at run time; typing each reply adds nothing.
type Json = Record<string, any>;
interface Reply {
  status: number;
  body: Json;
  headers: Headers;
}

let dir: string;
let dbPath: string;
let sandbox: Running;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}

async function createOrder(options: Json = {}): Promise<Json> {
  const reply = await call("POST", "/admin/orders", { seller: OTHER_SELLER, status: "APPROVED", ...options });
  expect(reply.status).toBe(201);
  return reply.body;
}

function orderPath(order: Json, seller = order.sellerCnpj): string {
  return `/v1/orders/${order.channel}/${encodeURIComponent(order.code)}?seller=${seller}`;
}

function update(order: Json, kind: string, payload: unknown, key: string = randomUUID()): Promise<Reply> {
  const path = `/v1/orders/${order.channel}/${encodeURIComponent(order.code)}/updates?seller=${order.sellerCnpj}`;
  return call("POST", path, { kind, payload }, { "Idempotency-Key": key });
}

async function fetchOrder(order: Json): Promise<Json> {
  const reply = await call("GET", orderPath(order));
  expect(reply.status).toBe(200);
  return reply.body;
}

let keyNumber = 0;
/** A well-formed NF-e access key (mod-11 check digit), different on every call. */
function accessKey(): string {
  keyNumber++;
  const base = `352601${OTHER_SELLER}55001${String(keyNumber).padStart(9, "0")}1${String(10000000 + keyNumber)}`;
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += (base.charCodeAt(i) - 48) * (2 + ((base.length - 1 - i) % 8));
  const remainder = sum % 11;
  return `${base}${remainder < 2 ? 0 : 11 - remainder}`;
}

function correiosShipment(): Json {
  const digits = String(10000000 + Math.floor(Math.random() * 89999999));
  return {
    carrier: "correios",
    trackingCode: `QB${digits}${s10CheckDigit(digits)}BR`,
    method: "PAC",
    handedAt: "2026-03-10",
  };
}

const XML = Buffer.from("<nfeProc><NFe/></nfeProc>").toString("base64");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fluxo-sandbox-"));
  dbPath = join(dir, "nested", "sandbox.db");
  sandbox = await start(dbPath);
}, 30_000);

afterAll(async () => {
  if (sandbox) await stop(sandbox);
  rmSync(dir, { recursive: true, force: true });
});

describe("orders", () => {
  it("answers /health", async () => {
    expect((await call("GET", "/health")).body).toEqual({ ok: true });
  });

  it("creates orders and lists them by seq since a cursor", async () => {
    const start = await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=0`);
    const cursor = Number(start.body.cursor);
    const a = await createOrder({ channel: "americanas" });
    const b = await createOrder({ channel: "amazon", status: "NEW" });
    const c = await createOrder({ channel: "americanas", code: "LAM-TEST-0001" });
    expect(c.code).toBe("LAM-TEST-0001");
    expect(b.status).toBe("NEW");
    expect(b.approvedAt).toBeNull();
    expect(a.totalCents).toBe(
      a.items.reduce((sum: number, it: Json) => sum + it.quantity * it.unitPriceCents, 0) + a.shippingCents,
    );
    expect(a.customer.document).toMatch(/^\d{11}$/);

    const page = await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=${cursor}&limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.orders.map((o: Json) => o.code)).toEqual([a.code, b.code]);
    expect(page.body.cursor).toBe(String(b.seq));
    const rest = await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=${page.body.cursor}`);
    expect(rest.body.orders.map((o: Json) => o.code)).toEqual([c.code]);
    const empty = await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=${c.seq}`);
    expect(empty.body).toEqual({ orders: [], cursor: String(c.seq) });

    const onlyAmazon = await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=${cursor}&channel=amazon`);
    expect(onlyAmazon.body.orders.map((o: Json) => o.code)).toEqual([b.code]);

    expect(
      (await call("POST", "/admin/orders", { seller: OTHER_SELLER, channel: "americanas", code: c.code })).status,
    ).toBe(409);
    expect((await call("GET", `/v1/orders?since=0`)).status).toBe(400);
    expect((await call("GET", `/v1/orders?seller=${OTHER_SELLER}&limit=1001`)).status).toBe(400);
  });

  it("hides another seller's order", async () => {
    const order = await createOrder();
    expect((await call("GET", orderPath(order))).body.code).toBe(order.code);
    const wrong = await call("GET", orderPath(order, SELLER));
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toBeTruthy();
    const path = `/v1/orders/${order.channel}/${encodeURIComponent(order.code)}/updates?seller=${SELLER}`;
    const reply = await call(
      "POST",
      path,
      { kind: "out_of_stock", payload: { reason: "x" } },
      { "Idempotency-Key": "k" },
    );
    expect(reply.status).toBe(404);
  });

  it("rejects an invalid logistics mode for the channel", async () => {
    const reply = await call("POST", "/admin/orders", {
      seller: OTHER_SELLER,
      channel: "amazon",
      logisticsMode: "me2",
    });
    expect(reply.status).toBe(400);
  });
});

describe("updates", () => {
  it("requires an Idempotency-Key", async () => {
    const order = await createOrder();
    const path = `/v1/orders/${order.channel}/${encodeURIComponent(order.code)}/updates?seller=${OTHER_SELLER}`;
    const reply = await call("POST", path, { kind: "out_of_stock", payload: { reason: "sem estoque" } });
    expect(reply.status).toBe(400);
  });

  it("takes an Americanas order from invoice to delivered", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "correios" });
    const shipmentFirst = await update(order, "shipment", correiosShipment());
    expect(shipmentFirst.status).toBe(422);
    expect(shipmentFirst.body.reason).toMatch(/nota fiscal/);

    const badKey = await update(order, "invoice", { accessKey: "123" });
    expect(badKey.status).toBe(422);
    expect(badKey.body).toEqual({ result: "rejected", reason: expect.stringMatching(/44 caracteres/) });

    const key = accessKey();
    const invoiced = await update(order, "invoice", { accessKey: key, issuedAt: "2026-03-09T10:00:00-03:00" });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body.result).toBe("acknowledged");
    expect(invoiced.body.order).toMatchObject({ status: "INVOICED", invoice: { accessKey: key, hasXml: false } });
    expect(invoiced.body.order.seq).toBeGreaterThan(order.seq);

    // The same key again under a new Idempotency-Key: acknowledged, nothing changes.
    const again = await update(order, "invoice", { accessKey: key });
    expect(again.status).toBe(200);
    expect(again.body.order.seq).toBe(invoiced.body.order.seq);
    const otherKey = await update(order, "invoice", { accessKey: accessKey() });
    expect(otherKey.status).toBe(422);

    const noCode = await update(order, "shipment", { carrier: "correios", method: "PAC", handedAt: "2026-03-10" });
    expect(noCode.status).toBe(422);
    expect(noCode.body.reason).toMatch(/payload\.trackingCode/);

    const tracking = correiosShipment();
    const shipped = await update(order, "shipment", { ...tracking, invoiceKey: key });
    expect(shipped.body.order).toMatchObject({ status: "SHIPPED", shipment: { trackingCode: tracking.trackingCode } });
    expect((await update(order, "shipment", tracking)).status).toBe(200);
    expect((await update(order, "shipment", correiosShipment())).status).toBe(422);

    const delivered = await update(order, "delivered", { deliveredAt: "2026-03-14" });
    expect(delivered.body.order).toMatchObject({ status: "DELIVERED", deliveredAt: "2026-03-14" });
    expect((await update(order, "cancel", { reason: "desistiu" })).status).toBe(422);
  });

  it("refuses a Mercado Livre invoice without the XML, takes the XML first, and refuses delivered for ME2", async () => {
    const order = await createOrder({ channel: "mercado_livre", logisticsMode: "me2" });
    const key = accessKey();
    const noXml = await update(order, "invoice", { accessKey: key, shipment: correiosShipment() });
    expect(noXml.status).toBe(422);
    expect(noXml.body.reason).toMatch(/XML/);
    // Mercado Livre releases the ME2 label only after the XML, so it goes first and is confirmed at the next tick.
    const xmlFirst = await update(order, "invoice", { accessKey: key, xmlBase64: XML });
    expect(xmlFirst.status).toBe(200);
    expect(xmlFirst.body.order).toMatchObject({ status: "INVOICED", invoiceValidation: "awaiting_validation" });

    const shipment = {
      carrier: "mercado-envios",
      trackingCode: "45012345678",
      method: "Mercado Envios",
      handedAt: "2026-03-10",
    };
    const ok = await update(order, "invoice", { accessKey: key, xmlBase64: XML, shipment });
    expect(ok.status).toBe(200);
    expect(ok.body.order).toMatchObject({ status: "SHIPPED", invoice: { accessKey: key, hasXml: true } });

    const delivered = await update(order, "delivered", { deliveredAt: "2026-03-12" });
    expect(delivered.status).toBe(422);
    expect(delivered.body.reason).toMatch(/Mercado Envios \(ME2\).*pelo Mercado Livre/);

    const problem = await update(order, "delivery_problem", {
      occurredAt: "2026-03-11",
      observation: "Cliente ausente",
    });
    expect(problem.body.order.status).toBe("SHIPMENT_EXCEPTION");
    expect((await update(order, "delivered", { deliveredAt: "2026-03-12" })).status).toBe(422);
    const canceled = await update(order, "cancel", { reason: "Devolvido ao remetente" });
    expect(canceled.body.order).toMatchObject({ status: "CANCELED", cancelReason: "Devolvido ao remetente" });
    expect((await update(order, "restock", {})).status).toBe(422);
  });

  it("accepts Mercado Envios Coleta invoices at once", async () => {
    const order = await createOrder({ channel: "mercado_livre", logisticsMode: "mercado_envios_coleta" });
    const reply = await update(order, "invoice", { accessKey: accessKey(), xmlBase64: XML });
    expect(reply.body.order.status).toBe("INVOICED");
  });

  it("holds a Zoom invoice until it comes with the shipment", async () => {
    const order = await createOrder({ channel: "zoom", logisticsMode: "own_carrier" });
    const key = accessKey();
    const alone = await update(order, "invoice", { accessKey: key });
    expect(alone.status).toBe(422);
    expect(alone.body.reason).toMatch(/A Zoom só aceita a nota fiscal junto com os dados de envio/);
    const shipmentOnly = await update(order, "shipment", correiosShipment());
    expect(shipmentOnly.status).toBe(422);
    const together = await update(order, "invoice", {
      accessKey: key,
      shipment: correiosShipment(),
      invoiceNumber: String(Number(key.slice(25, 34))),
      invoiceSeries: String(Number(key.slice(22, 25))),
    });
    expect(together.status).toBe(200);
    expect(together.body.order.status).toBe("SHIPPED");
    expect(together.body.order.shipment.carrier).toBe("correios");
    const delivered = await update(order, "delivered", { deliveredAt: "2026-03-15" });
    expect(delivered.body.order.status).toBe("DELIVERED");
  });

  it("takes a Zoom shipment only with the NF-e's number and series beside its key, and no cancellation", async () => {
    const order = await createOrder({ channel: "zoom", logisticsMode: "correios" });
    const key = accessKey();
    const withoutNumber = await update(order, "invoice", { accessKey: key, shipment: correiosShipment() });
    expect(withoutNumber.status).toBe(422);
    expect(withoutNumber.body.reason).toMatch(/A Zoom só aceita o envio com número e série da NF-e/);
    const wrongNumber = {
      accessKey: key,
      shipment: correiosShipment(),
      invoiceNumber: "999999999",
      invoiceSeries: "1",
    };
    expect((await update(order, "invoice", wrongNumber)).body.reason).toMatch(/não são os da chave de acesso/);
    const number = String(Number(key.slice(25, 34)));
    const series = String(Number(key.slice(22, 25)));
    const together = await update(order, "invoice", {
      accessKey: key,
      shipment: correiosShipment(),
      invoiceNumber: number,
      invoiceSeries: series,
    });
    expect(together.status).toBe(200);
    expect(together.body.order.status).toBe("SHIPPED");

    const other = await createOrder({ channel: "zoom", logisticsMode: "correios" });
    const cancel = await update(other, "cancel", { reason: "Cliente desistiu" });
    expect(cancel.status).toBe(422);
    expect(cancel.body.reason).toMatch(/A Zoom não recebe cancelamento pela integração/);
  });

  it("refuses updates that do not fit the order's status", async () => {
    const fresh = await createOrder({ status: "NEW", channel: "americanas", logisticsMode: "correios" });
    const invoice = await update(fresh, "invoice", { accessKey: accessKey() });
    expect(invoice.status).toBe(422);
    expect(invoice.body.reason).toMatch(/pagamento/);
    expect((await update(fresh, "cancel", { reason: "x" })).status).toBe(422);
    expect((await update(fresh, "delivery_problem", { occurredAt: "2026-03-11", observation: "x" })).status).toBe(422);
    expect((await update(fresh, "delivered", { deliveredAt: "2026-03-11" })).status).toBe(422);
    const unknown = await update(fresh, "refund", {});
    expect(unknown.status).toBe(422);
    expect(unknown.body.reason).toMatch(/desconhecido/);
  });

  it('cancels an order not yet invoiced at once, and takes no "sem estoque", which no marketplace has', async () => {
    const order = await createOrder({ channel: "americanas" });
    expect((await update(order, "cancel", {})).status).toBe(422);
    const outOfStock = await update(order, "out_of_stock", { reason: "Fornecedor atrasou" });
    expect(outOfStock.status).toBe(422);
    expect(outOfStock.body.reason).toMatch(/desconhecido/);
    const canceled = await update(order, "cancel", { reason: "Sem previsão de estoque" });
    expect(canceled.body.order).toMatchObject({ status: "CANCELED", cancellationRequested: false });
    expect(canceled.body.order.canceledAt).toBeTruthy();
  });

  it("replays a repeated Idempotency-Key without applying it again", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "own_carrier" });
    const key = `hub-${randomUUID()}`;
    const invoiceKey = accessKey();
    const first = await update(order, "invoice", { accessKey: invoiceKey }, key);
    const second = await update(order, "invoice", { accessKey: invoiceKey }, key);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect((await fetchOrder(order)).seq).toBe(first.body.order.seq);

    // A stored rejection is replayed as well, even after the order changed.
    const rejectKey = `hub-${randomUUID()}`;
    const rejected = await update(order, "invoice", { accessKey: accessKey() }, rejectKey);
    expect(rejected.status).toBe(422);
    await update(order, "shipment", correiosShipment());
    const replayed = await update(order, "invoice", { accessKey: accessKey() }, rejectKey);
    expect(replayed.status).toBe(422);
    expect(replayed.body).toEqual(rejected.body);

    const { body } = await call("GET", `/admin/updates?seller=${OTHER_SELLER}`);
    const entry = body.updates.find((u: Json) => u.idempotencyKey === key);
    expect(entry).toMatchObject({
      channel: "americanas",
      code: order.code,
      kind: "invoice",
      receivedCount: 2,
      httpStatus: 200,
      result: "acknowledged",
    });
    expect(body.updates.find((u: Json) => u.idempotencyKey === rejectKey)).toMatchObject({
      receivedCount: 2,
      httpStatus: 422,
      result: "rejected",
    });
  });
});

describe("generator", () => {
  it("creates orders for the configured sellers and approves or expires NEW ones", async () => {
    const before = await call("GET", `/v1/orders?seller=${SELLER}&since=0&limit=1000`);
    const pending = await createOrder({ seller: SELLER, status: "NEW" });
    let created = 0;
    let status = "NEW";
    for (let i = 0; i < 10 && status === "NEW"; i++) {
      const tick = await call("POST", "/admin/tick");
      expect(tick.status).toBe(200);
      created += tick.body.created;
      status = (await fetchOrder(pending)).status;
    }
    expect(["APPROVED", "PAYMENT_OVERDUE"]).toContain(status);
    const after = await call("GET", `/v1/orders?seller=${SELLER}&since=${before.body.cursor}&limit=1000`);
    const codes = new Set(after.body.orders.map((o: Json) => `${o.channel}/${o.code}`));
    expect(codes.size).toBe(created + 1);
  });

  it("ships and delivers marketplace-logistics orders, one step per tick", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "b2w_entregas" });
    const invoiced = await update(order, "invoice", { accessKey: accessKey() });
    expect(invoiced.body.order.status).toBe("INVOICED");
    const first = await call("POST", "/admin/tick");
    expect(first.body.changed).toBeGreaterThanOrEqual(1);
    const shipped = await fetchOrder(order);
    expect(shipped.status).toBe("SHIPPED");
    expect(shipped.shipment).toMatchObject({ carrier: "other", method: "B2W Entregas" });
    expect(shipped.seq).toBeGreaterThan(invoiced.body.order.seq);
    await call("POST", "/admin/tick");
    const delivered = await fetchOrder(order);
    expect(delivered.status).toBe("DELIVERED");
    expect(delivered.deliveredAt).toBeTruthy();
  });

  it("confirms a cancellation request on an invoiced order at the next tick", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "correios" });
    await update(order, "invoice", { accessKey: accessKey() });
    const requested = await update(order, "cancel", { reason: "Cliente desistiu" });
    expect(requested.body.order).toMatchObject({ status: "INVOICED", cancellationRequested: true });
    expect((await update(order, "shipment", correiosShipment())).status).toBe(422);
    await call("POST", "/admin/tick");
    expect(await fetchOrder(order)).toMatchObject({ status: "CANCELED", cancelReason: "Cliente desistiu" });
  });

  it("validates a Magalu invoice asynchronously", async () => {
    const order = await createOrder({ channel: "magalu", logisticsMode: "correios" });
    const xmlBase64 = Buffer.from("<nfeProc/>").toString("base64");
    const reply = await update(order, "invoice", { accessKey: accessKey(), xmlBase64 });
    expect(reply.body.order).toMatchObject({ status: "INVOICED", invoiceValidation: "awaiting_validation" });
    await call("POST", "/admin/tick");
    expect(await fetchOrder(order)).toMatchObject({ status: "INVOICED", invoiceValidation: "validated" });
  });
});

describe("manual changes", () => {
  it("changes the order as the marketplace panel would and bumps seq", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "correios" });
    const key = accessKey();
    const path = `/admin/orders/americanas/${encodeURIComponent(order.code)}/manual-change`;
    const reply = await call("POST", path, { status: "INVOICED", accessKey: key });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "INVOICED", invoice: { accessKey: key } });
    expect(reply.body.seq).toBeGreaterThan(order.seq);
    const listed = await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=${order.seq}`);
    expect(listed.body.orders.map((o: Json) => o.code)).toContain(order.code);
    expect((await call("POST", path, { status: "LOST" })).status).toBe(400);
  });

  it("has a CLI", async () => {
    const order = await createOrder({ channel: "zoom" });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "sandbox/manual-change.ts",
        "--url",
        sandbox.url,
        "--channel",
        "zoom",
        "--code",
        order.code,
        "--status",
        "CANCELED",
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], timeout: 15_000 },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ code: order.code, status: "CANCELED" });
  }, 20_000);
});

describe("faults", () => {
  const list = `/v1/orders?seller=${OTHER_SELLER}&since=0&limit=5`;
  const allOff = {
    errorRate: 0,
    outage: false,
    rateLimitEvery: 0,
    duplicateEvents: false,
    errorAfterApply: 0,
    latencyMs: 0,
  };

  it("simulates an outage on /v1 only", async () => {
    expect((await call("POST", "/admin/faults", { outage: true })).body.outage).toBe(true);
    expect((await call("GET", list)).status).toBe(503);
    expect((await call("GET", "/health")).status).toBe(200);
    expect((await call("GET", "/admin/faults")).body.outage).toBe(true);
    await call("POST", "/admin/faults", allOff);
    expect((await call("GET", list)).status).toBe(200);
  });

  it("rate-limits every n-th request with Retry-After", async () => {
    await call("POST", "/admin/faults", { rateLimitEvery: 2, retryAfterSeconds: 3 });
    expect((await call("GET", list)).status).toBe(200);
    const limited = await call("GET", list);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await call("GET", list)).status).toBe(200);
    await call("POST", "/admin/faults", allOff);
  });

  it("answers 500 at errorRate 1 and refuses a bad config", async () => {
    await call("POST", "/admin/faults", { errorRate: 1 });
    expect((await call("GET", list)).status).toBe(500);
    expect((await call("GET", "/health")).status).toBe(200);
    expect((await call("POST", "/admin/faults", { errorRate: 2 })).status).toBe(400);
    await call("POST", "/admin/faults", allOff);
    expect((await call("GET", list)).status).toBe(200);
  });

  it("adds latency and repeats events", async () => {
    await call("POST", "/admin/faults", { latencyMs: 150, duplicateEvents: true });
    const started = Date.now();
    const reply = await call("GET", list);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const seqs: number[] = reply.body.orders.map((o: Json) => o.seq);
    expect(new Set(seqs).size).toBeLessThan(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    await call("POST", "/admin/faults", allOff);
  });

  it("applies an update whose response is lost, and replays it on retry", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "correios" });
    await call("POST", "/admin/faults", { errorAfterApply: 1 });
    const key = `lost-${randomUUID()}`;
    const invoice = { accessKey: accessKey() };
    const lost = await update(order, "invoice", invoice, key);
    expect(lost.status).toBe(500);
    await call("POST", "/admin/faults", allOff);
    const applied = await fetchOrder(order);
    expect(applied.status).toBe("INVOICED");
    const retry = await update(order, "invoice", invoice, key);
    expect(retry.status).toBe(200);
    expect(retry.body.order.seq).toBe(applied.seq);
    const { body } = await call("GET", `/admin/updates?seller=${OTHER_SELLER}`);
    expect(body.updates.filter((u: Json) => u.idempotencyKey === key)).toEqual([
      expect.objectContaining({ receivedCount: 2, httpStatus: 200 }),
    ]);
  });
});

describe("persistence", () => {
  it("keeps state across a restart on the same database file", async () => {
    const order = await createOrder({ channel: "americanas", logisticsMode: "own_carrier" });
    const key = `restart-${randomUUID()}`;
    const invoice = { accessKey: accessKey() };
    const first = await update(order, "invoice", invoice, key);
    expect(await stop(sandbox)).toBe(0);

    sandbox = await start(dbPath);
    expect(await fetchOrder(order)).toEqual(first.body.order);
    const replay = await update(order, "invoice", invoice, key);
    expect(replay.body).toEqual(first.body);
    const next = await createOrder();
    expect(next.seq).toBeGreaterThan(first.body.order.seq);
  }, 30_000);

  it("wipes everything on reset", async () => {
    expect((await call("POST", "/admin/reset")).body).toEqual({ ok: true });
    expect((await call("GET", `/v1/orders?seller=${OTHER_SELLER}&since=0`)).body.orders).toEqual([]);
    expect((await call("GET", "/admin/updates")).body.updates).toEqual([]);
  });
});
