// SkyHub's queue on the hub's orders, fed by the domain's rule from every path that creates an order or moves its
// status: intake (new, paid, canceled, shipped and delivered by the marketplace's logistics), the seller's screens,
// the ERP's own writes, bulk delivery, support taking the marketplace's state. An order read and not deleted comes back after the lease; a later event
// shows it again at once; an order changed twice before it is read comes once; no live key, no queue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeQueuedOrder, takeQueuedOrder } from "@/db/queries/erp-queue";
import { divergences } from "@/db/schema";
import type { MarketplaceOrder } from "@/server/channels/adapter";
import { QUEUE_LEASE_MS } from "@/server/erp-api/routes";
import { syncOne } from "@/server/sync/ingest";
import { erpClient, startErpApi } from "./erp-client";
import { accountCnpj, correiosCode, insertOrder, marketplaceOrder, orderRow, spDay, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let api: Awaited<ReturnType<typeof startErpApi>>;
let accountA: number;
let accountB: number;
let erpOfA: ReturnType<typeof erpClient>;

beforeAll(async () => {
  world = await createTestWorld(0);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
  const key = await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "Bling" });
  await world.callerFor(EMAILS.sellerB).erpKeys.create({ name: "Tiny" });
  api = await startErpApi(world.db, { limits: { reads: 1000, writes: 1000, queue: 1000 } });
  erpOfA = erpClient(api.url, { email: key.userEmail, key: key.key });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  world?.close();
});

/** Reads and deletes everything visible at `now`, as an ERP's loop does; the order ids in the order read. */
function drain(accountId: number, now = Date.now()): number[] {
  const ids: number[] = [];
  for (let id = takeQueuedOrder(world.db, accountId, now, now + QUEUE_LEASE_MS); id !== null; ) {
    ids.push(id);
    removeQueuedOrder(world.db, accountId, id);
    id = takeQueuedOrder(world.db, accountId, now, now + QUEUE_LEASE_MS);
  }
  return ids;
}

let codes = 0;
/** The marketplace's intake of one order (`syncOne`, as the worker's pull and notifications run it). */
function fromMarketplace(accountId: number, code: string, fields: Partial<MarketplaceOrder>): number {
  syncOne(world.db, accountId, marketplaceOrder(code, fields), new Date(), {
    created: 0,
    changed: 0,
    flagged: 0,
    skipped: 0,
  });
  const row = world.db.$client
    .prepare("SELECT id FROM orders WHERE account_id = ? AND marketplace_code = ?")
    .get(accountId, code) as { id: number } | undefined;
  if (!row) throw new Error(`order ${code} was not received`);
  return row.id;
}
const newCode = () => `LAM-Q${process.pid}-${++codes}`;

describe("intake: the marketplace's own changes", () => {
  it("queues a new order, and its payment and cancellation as they come", () => {
    drain(accountA);
    const code = newCode();
    const id = fromMarketplace(accountA, code, { status: "NEW", approvedAt: null });
    expect(drain(accountA)).toEqual([id]);
    fromMarketplace(accountA, code, { status: "APPROVED" });
    expect(orderRow(world, id).status).toBe("APPROVED");
    expect(drain(accountA)).toEqual([id]);
    fromMarketplace(accountA, code, { status: "CANCELED" });
    expect(orderRow(world, id).status).toBe("CANCELED");
    expect(drain(accountA)).toEqual([id]);
  });

  it("does not queue an overdue bank slip, which SkyHub's queue leaves out; the cancellation after it comes", () => {
    drain(accountA);
    const code = newCode();
    const id = fromMarketplace(accountA, code, { status: "NEW", approvedAt: null });
    expect(drain(accountA)).toEqual([id]);
    fromMarketplace(accountA, code, { status: "PAYMENT_OVERDUE", approvedAt: null });
    expect(orderRow(world, id).status).toBe("PAYMENT_OVERDUE");
    expect(drain(accountA)).toEqual([]);
    fromMarketplace(accountA, code, { status: "CANCELED", approvedAt: null });
    expect(drain(accountA)).toEqual([id]);
  });

  it("queues shipped and delivered where the marketplace runs the logistics (Mercado Envios, Magalu Entregas)", () => {
    for (const [channel, logisticsMode, code] of [
      ["mercado_livre", "me2", `MLB-Q${process.pid}`],
      ["magalu", "magalu_entregas", `MGZ-Q${process.pid}`],
    ] as const) {
      drain(accountA);
      const invoice = { accessKey: validKey(accountCnpj(world, accountA)) };
      const id = fromMarketplace(accountA, code, { channel, logisticsMode, status: "INVOICED", invoice });
      expect(drain(accountA)).toEqual([id]);
      const shipment = { carrier: "Mercado Envios", trackingCode: "ME123456789", method: "normal" };
      fromMarketplace(accountA, code, { channel, logisticsMode, status: "SHIPPED", invoice, shipment });
      expect(orderRow(world, id).status).toBe("SHIPPED");
      expect(drain(accountA)).toEqual([id]);
      fromMarketplace(accountA, code, { channel, logisticsMode, status: "DELIVERED", invoice, shipment });
      expect(orderRow(world, id).status).toBe("DELIVERED");
      expect(drain(accountA)).toEqual([id]);
    }
  });

  it("gives an order changed twice before it is read once, in its latest state", async () => {
    drain(accountA);
    const code = newCode();
    const id = fromMarketplace(accountA, code, { status: "NEW", approvedAt: null });
    fromMarketplace(accountA, code, { status: "APPROVED" });
    const read = await erpOfA.next();
    expect(read.body).toMatchObject({ code: `Americanas-${code}`, status: { code: "payment_received" } });
    expect((await erpOfA.ack(`Americanas-${code}`)).status).toBe(204);
    expect(drain(accountA)).toEqual([]);
    expect(orderRow(world, id).status).toBe("APPROVED");
  });
});

describe("the hub's own changes", () => {
  it("queues the seller's cancellation on the order page, not a pause for stock SkyHub cannot show", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    drain(accountA);
    const paused = await seller.orders.markOutOfStock({ orderId: order.id, version: order.version, reason: "Falta" });
    const back = await seller.orders.restock({ orderId: order.id, version: paused.version });
    expect(drain(accountA)).toEqual([]);
    await seller.orders.cancel({ orderId: order.id, version: back.version, reason: "Sem estoque" });
    expect(drain(accountA)).toEqual([order.id]);
  });

  it("queues a Carrefour order awaiting acceptance like a new one, and the seller's refusal; not the acceptance", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    drain(accountA);
    const arriving: Partial<MarketplaceOrder> = {
      channel: "carrefour",
      logisticsMode: "correios",
      status: "AWAITING_ACCEPTANCE",
      approvedAt: null,
    };
    const accepted = fromMarketplace(accountA, `CRF-Q${process.pid}-1`, arriving);
    const refused = fromMarketplace(accountA, `CRF-Q${process.pid}-2`, arriving);
    expect(drain(accountA)).toEqual([accepted, refused]);
    await seller.orders.accept({ orderId: accepted, version: orderRow(world, accepted).version });
    expect(orderRow(world, accepted).status).toBe("NEW");
    expect(drain(accountA)).toEqual([]);
    await seller.orders.refuse({ orderId: refused, version: orderRow(world, refused).version, reason: "Sem estoque" });
    expect(orderRow(world, refused).status).toBe("CANCELED");
    expect(drain(accountA)).toEqual([refused]);
  });

  it("queues the ERP's own cancellation; its invoice and shipment do not come back to it", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    const canceled = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    drain(accountA);
    expect((await erpOfA.invoiceKey(order.marketplaceCode, validKey(accountCnpj(world, accountA)))).status).toBe(204);
    expect((await erpOfA.ship(order.marketplaceCode, correiosCode())).status).toBe(204);
    expect(orderRow(world, order.id).status).toBe("SHIPPED");
    expect(drain(accountA)).toEqual([]);
    expect((await erpOfA.cancel(canceled.marketplaceCode)).status).toBe(204);
    expect(drain(accountA)).toEqual([canceled.id]);
  });

  it("does not queue a bulk delivery: the seller reported it, as SkyHub's seller-logistics orders", async () => {
    const shipped = [1, 2].map(() => insertOrder(world, { accountId: accountA, status: "SHIPPED" }));
    drain(accountA);
    const results = await world.callerFor(EMAILS.sellerA).orders.bulkMarkDelivered({
      orderIds: shipped.map((o) => o.id),
      filters: {},
      deliveredOn: spDay(0),
    });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(drain(accountA)).toEqual([]);
  });
});

describe("support", () => {
  it("queues the marketplace's state when support accepts it, as if intake had applied it", async () => {
    const shipped = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const behind = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    drain(accountA);
    for (const [order, status] of [
      [shipped, "DELIVERED"],
      [behind, "INVOICED"],
    ] as const) {
      const divergence = world.db
        .insert(divergences)
        .values({
          orderId: order.id,
          accountId: accountA,
          channel: order.channel,
          kind: "manual_change",
          hubState: { status: order.status },
          marketplaceState: { status },
          likelyCause: "Alterado no painel do marketplace",
          openedAt: new Date(),
        })
        .returning({ id: divergences.id })
        .get();
      await world.callerFor(EMAILS.support, accountA).divergences.acceptMarketplace({ id: divergence.id });
      expect(orderRow(world, order.id).status).toBe(status);
    }
    expect(drain(accountA)).toEqual([shipped.id]);
  });
});

describe("the queue itself", () => {
  it("hides a read order for the lease and gives it again when it was not deleted", () => {
    const t0 = Date.now() + 86_400_000;
    drain(accountA, t0);
    const order = insertOrder(world, { accountId: accountA, status: "NEW" });
    expect(takeQueuedOrder(world.db, accountA, t0, t0 + QUEUE_LEASE_MS)).toBe(order.id);
    expect(takeQueuedOrder(world.db, accountA, t0 + QUEUE_LEASE_MS - 1, t0 + 2 * QUEUE_LEASE_MS)).toBeNull();
    expect(takeQueuedOrder(world.db, accountA, t0 + QUEUE_LEASE_MS, t0 + 2 * QUEUE_LEASE_MS)).toBe(order.id);
    expect(removeQueuedOrder(world.db, accountA, order.id)).toBe(true);
    expect(takeQueuedOrder(world.db, accountA, t0 + 3 * QUEUE_LEASE_MS, t0 + 4 * QUEUE_LEASE_MS)).toBeNull();
  });

  it("shows a read order again at once when it changes during the lease", () => {
    const now = Date.now();
    drain(accountA, now);
    const code = newCode();
    const id = fromMarketplace(accountA, code, { status: "NEW", approvedAt: null });
    expect(takeQueuedOrder(world.db, accountA, now, now + QUEUE_LEASE_MS)).toBe(id);
    expect(takeQueuedOrder(world.db, accountA, now, now + QUEUE_LEASE_MS)).toBeNull();
    fromMarketplace(accountA, code, { status: "APPROVED" });
    expect(drain(accountA, now)).toEqual([id]);
  });

  it("holds nothing for an account without a live key: the queue starts when an ERP is connected", async () => {
    drain(accountB);
    const sellerB = world.callerFor(EMAILS.sellerB);
    for (const key of await sellerB.erpKeys.list()) await sellerB.erpKeys.revoke({ id: key.id });
    const code = newCode();
    fromMarketplace(accountB, code, { status: "NEW", approvedAt: null });
    fromMarketplace(accountB, code, { status: "APPROVED" });
    expect(drain(accountB)).toEqual([]);
    await sellerB.erpKeys.create({ name: "Omie" });
    const later = fromMarketplace(accountB, newCode(), { status: "NEW", approvedAt: null });
    expect(drain(accountB)).toEqual([later]);
  });

  it("never gives one account's order to another account", () => {
    drain(accountB);
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    expect(drain(accountB)).toEqual([]);
    expect(removeQueuedOrder(world.db, accountB, order.id)).toBe(false);
    expect(drain(accountA)).toContain(order.id);
  });
});
