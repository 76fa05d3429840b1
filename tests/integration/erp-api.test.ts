// An ERP integrating with Fluxo exactly as it would with SkyHub: drains the queue, invoices by key and by XML, ships,
// delivers, and each update reaches the marketplace sandbox through the hub's outbox.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { buildNfe } from "../fixtures/nfe-builder";
import { drainQueue, erpClient, startErpApi } from "./erp-client";
import { accountCnpj, correiosCode, snapshot, timelineOf, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";
import { ingestAll, replicateAll } from "./sandbox-sync";

let world: TestWorld;
let sandbox: SandboxProcess;
let api: Awaited<ReturnType<typeof startErpApi>>;
let erp: ReturnType<typeof erpClient>;
let accountA: number;
let cnpjA: string;
const originalMode = process.env.FLUXO_NFE_MODE;
const NO_LIMITS = { reads: 1000, writes: 1000, queue: 1000 };

interface MarketplaceView {
  code: string;
  status: string;
  invoice: { accessKey: string } | null;
  shipment: { trackingCode: string } | null;
}

beforeAll(async () => {
  // The sandbox's notes are homologation NF-e, as in the demo.
  process.env.FLUXO_NFE_MODE = "sandbox";
  world = await createTestWorld(2);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  await connectToSandbox(world.db, sandbox.url);
  await ingestAll(world.db);
  api = await startErpApi(world.db, { limits: NO_LIMITS });
  const created = await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "Bling" });
  erp = erpClient(api.url, { email: created.userEmail, key: created.key });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
  world?.close();
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
});

async function newMarketplaceOrder(channel: "americanas" | "magalu") {
  const created = await sandbox.admin<MarketplaceView>("/admin/orders", {
    seller: cnpjA,
    channel,
    logisticsMode: "correios",
    status: "APPROVED",
  });
  await ingestAll(world.db);
  return created.code;
}

function hubOrder(code: string) {
  const row = world.db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountA), eq(orders.marketplaceCode, code)))
    .get();
  if (!row) throw new Error(`order ${code} was not ingested`);
  return row;
}

const marketplace = (channel: string, code: string) =>
  sandbox.admin<MarketplaceView>(`/v1/orders/${channel}/${encodeURIComponent(code)}?seller=${cnpjA}`);

const today = () => new Date().toISOString().slice(0, 10);

describe("the queue", () => {
  it("gives each new order once, acknowledged by DELETE, then answers 204", async () => {
    await drainQueue(erp);
    // Named as SkyHub names orders, "<site>-<marketplace code>"; the marketplace's code alone finds them too.
    const codes = [
      `Americanas-${await newMarketplaceOrder("americanas")}`,
      `Magalu-${await newMarketplaceOrder("magalu")}`,
    ];
    const read = await drainQueue(erp);
    expect(read).toEqual(expect.arrayContaining(codes));
    expect((await erp.next()).status).toBe(204);
    expect((await erp.get(codes[0] ?? "")).body).toMatchObject({
      code: codes[0],
      status: { code: "payment_received", type: "APPROVED" },
      sync_status: "SYNCED",
    });
  });

  it("an order read and not acknowledged is hidden from the next read, and DELETE of it answers 204 once", async () => {
    const code = await newMarketplaceOrder("americanas");
    const first = await erp.next();
    expect(first.body).toMatchObject({ code: `Americanas-${code}`, sync_status: "NOT_SYNCED" });
    expect((await erp.next()).status).toBe(204);
    expect((await erp.ack(code)).status).toBe(204);
    expect((await erp.ack(code)).status).toBe(404);
  });
});

describe("writes reach the marketplace through the hub", () => {
  it("invoice by key (twice: the same answer, one write), ship and deliver", async () => {
    const code = await newMarketplaceOrder("americanas");
    const key = validKey(cnpjA, new Date().getUTCFullYear(), new Date().getUTCMonth() + 1);
    expect((await erp.invoiceKey(code, key)).status).toBe(204);
    const afterFirst = snapshot(world, hubOrder(code).id);
    expect((await erp.invoiceKey(code, key)).status).toBe(204);
    expect(snapshot(world, hubOrder(code).id)).toEqual(afterFirst);
    expect(timelineOf(world, hubOrder(code).id).at(-1)).toMatchObject({ actorName: "ERP Bling", toStatus: "INVOICED" });

    const tracking = correiosCode();
    expect((await erp.ship(code, tracking)).status).toBe(204);
    const shipped = snapshot(world, hubOrder(code).id);
    expect((await erp.ship(code, tracking)).status).toBe(204);
    expect(snapshot(world, hubOrder(code).id)).toEqual(shipped);
    await replicateAll(world.db);
    expect(await marketplace("americanas", code)).toMatchObject({ status: "SHIPPED", invoice: { accessKey: key } });

    expect((await erp.deliver(code)).status).toBe(204);
    expect((await erp.deliver(code)).status).toBe(204);
    await replicateAll(world.db);
    expect(await marketplace("americanas", code)).toMatchObject({ status: "DELIVERED" });
    expect((await erp.get(code)).body).toMatchObject({ status: { code: "complete" }, invoices: [{ key }] });
  });

  it("invoice by XML as multipart, and a delivery problem", async () => {
    const code = await newMarketplaceOrder("americanas");
    const order = hubOrder(code);
    const document = order.customerDocument;
    const xml = buildNfe({
      key: validKey(cnpjA, new Date().getUTCFullYear(), new Date().getUTCMonth() + 1),
      issuedAt: `${today()}T10:00:00-03:00`,
      recipient: document.length === 11 ? { cpf: document } : { cnpj: document },
      totalCents: order.totalCents,
      purchaseOrder: code,
    });
    const answer = await erp.invoiceXml(code, xml);
    expect(answer).toMatchObject({ status: 204 });
    expect(hubOrder(code).status).toBe("INVOICED");
    expect((await erp.invoiceXml(code, xml)).status).toBe(204);
    expect(await erp.ship(code, correiosCode())).toMatchObject({ status: 204 });
    expect(await erp.exception(code, "Destinatário ausente em três tentativas")).toMatchObject({ status: 204 });
    await replicateAll(world.db);
    expect(await marketplace("americanas", code)).toMatchObject({ status: "SHIPMENT_EXCEPTION" });
  });

  it("cancels an approved order; a repeat answers the same", async () => {
    const code = await newMarketplaceOrder("americanas");
    expect((await erp.cancel(code)).status).toBe(204);
    expect((await erp.cancel(code)).status).toBe(204);
    await replicateAll(world.db);
    expect(await marketplace("americanas", code)).toMatchObject({ status: "CANCELED" });
  });
});

describe("refusals: SkyHub's shape, the hub's pt-BR message, nothing written", () => {
  it("a wrong key, a flow the order does not allow, a wrong status, a body that is not JSON", async () => {
    const code = await newMarketplaceOrder("americanas");
    const before = snapshot(world, hubOrder(code).id);
    const badKey = await erp.invoiceKey(code, "1234");
    expect(badKey.status).toBe(422);
    expect(badKey.body).toEqual({ error: expect.stringMatching(/chave de acesso/i) });
    const early = await erp.deliver(code);
    expect(early.status).toBe(422);
    expect((early.body as { error: string }).error).toMatch(/[ãçéêó]/);
    const wrongStatus = await erp.call("POST", `/orders/${encodeURIComponent(code)}/invoice`, {
      status: "payment_received",
      invoice: { key: "x" },
    });
    expect(wrongStatus).toMatchObject({ status: 422, body: { error: expect.stringContaining("order_invoiced") } });
    const notJson = await erp.call("POST", `/orders/${encodeURIComponent(code)}/shipments`, "{shipment:");
    expect(notJson).toMatchObject({ status: 400, body: { error: expect.stringContaining("JSON") } });
    const noTrack = await erp.call("POST", `/orders/${encodeURIComponent(code)}/shipments`, []);
    expect(noTrack.status).toBe(422);
    expect(snapshot(world, hubOrder(code).id)).toEqual(before);
  });

  it("lists pages with status filters and refuses a page beyond SkyHub's 10 000th record", async () => {
    const approved = await erp.list("?per_page=5&filters[statuses][]=payment_received");
    const body = approved.body as { total: number; orders: { status: { code: string } }[] };
    expect(approved.status).toBe(200);
    expect(body.orders.length).toBeGreaterThan(0);
    expect(body.orders.every((o) => o.status.code === "payment_received")).toBe(true);
    expect(body.total).toBeGreaterThanOrEqual(body.orders.length);
    expect((await erp.list("?page=101&per_page=100")).status).toBe(400);
    expect((await erp.statuses()).body).toContainEqual({
      code: "complete",
      label: expect.any(String),
      type: "DELIVERED",
    });
  });
});

describe("rate limit per key", () => {
  it("answers 429 with Retry-After past SkyHub's 1 read per second, for that key only", async () => {
    const still = Date.UTC(2026, 11, 3, 12, 0, 0, 250);
    const limited = await startErpApi(world.db, { clock: () => still });
    try {
      const first = await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "Tiny" });
      const second = await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "Omie" });
      const tiny = erpClient(limited.url, { email: first.userEmail, key: first.key });
      const omie = erpClient(limited.url, { email: second.userEmail, key: second.key });
      expect((await tiny.list()).status).toBe(200);
      const refused = await tiny.list();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect((refused.body as { error: string }).error).toMatch(/aguarde/);
      expect((await omie.list()).status).toBe(200);
      expect((await tiny.statuses()).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
