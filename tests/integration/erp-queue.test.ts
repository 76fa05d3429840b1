// SkyHub's queue on the hub's orders: an order read and not deleted comes back after the lease; a later event (paid,
// canceled) shows it again at once; another account's queue never holds it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeQueuedOrder, takeQueuedOrder } from "@/db/queries/erp-queue";
import { orders } from "@/db/schema";
import { QUEUE_LEASE_MS } from "@/server/erp-api/routes";
import { insertOrder } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let accountB: number;

beforeAll(async () => {
  world = await createTestWorld(1);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
  await world.callerFor(EMAILS.sellerA).erpKeys.create({ name: "Bling" });
  await world.callerFor(EMAILS.sellerB).erpKeys.create({ name: "Tiny" });
});
afterAll(() => world?.close());

function drain(accountId: number, now: number): number[] {
  const ids: number[] = [];
  for (let id = takeQueuedOrder(world.db, accountId, now, now + QUEUE_LEASE_MS); id !== null; ) {
    ids.push(id);
    removeQueuedOrder(world.db, accountId, id);
    id = takeQueuedOrder(world.db, accountId, now, now + QUEUE_LEASE_MS);
  }
  return ids;
}

describe("erp queue", () => {
  it("hides a read order for the lease and gives it again when it was not deleted", () => {
    const t0 = Date.UTC(2026, 11, 3, 12);
    drain(accountA, t0);
    const order = insertOrder(world, { accountId: accountA, status: "NEW" });
    expect(takeQueuedOrder(world.db, accountA, t0, t0 + QUEUE_LEASE_MS)).toBe(order.id);
    expect(takeQueuedOrder(world.db, accountA, t0 + QUEUE_LEASE_MS - 1, t0 + 2 * QUEUE_LEASE_MS)).toBeNull();
    expect(takeQueuedOrder(world.db, accountA, t0 + QUEUE_LEASE_MS, t0 + 2 * QUEUE_LEASE_MS)).toBe(order.id);
    expect(removeQueuedOrder(world.db, accountA, order.id)).toBe(true);
    expect(takeQueuedOrder(world.db, accountA, t0 + 3 * QUEUE_LEASE_MS, t0 + 4 * QUEUE_LEASE_MS)).toBeNull();
  });

  it("queues an order again when it is approved or canceled, not when the seller invoices it", () => {
    const t0 = Date.UTC(2026, 11, 3, 13);
    drain(accountA, t0);
    const order = insertOrder(world, { accountId: accountA, status: "NEW" });
    expect(drain(accountA, t0)).toEqual([order.id]);
    world.db.update(orders).set({ status: "APPROVED" }).where(eq(orders.id, order.id)).run();
    expect(drain(accountA, t0)).toEqual([order.id]);
    world.db.update(orders).set({ status: "INVOICED" }).where(eq(orders.id, order.id)).run();
    expect(drain(accountA, t0)).toEqual([]);
    world.db.update(orders).set({ status: "CANCELED" }).where(eq(orders.id, order.id)).run();
    expect(drain(accountA, t0)).toEqual([order.id]);
  });

  it("holds nothing for an account without an active key: the queue starts when an ERP is connected", async () => {
    const t0 = Date.UTC(2026, 11, 3, 15);
    drain(accountB, t0);
    const keys = await world.callerFor(EMAILS.sellerB).erpKeys.list();
    for (const key of keys) await world.callerFor(EMAILS.sellerB).erpKeys.revoke({ id: key.id });
    insertOrder(world, { accountId: accountB, status: "NEW" });
    expect(drain(accountB, t0)).toEqual([]);
    await world.callerFor(EMAILS.sellerB).erpKeys.create({ name: "Omie" });
    const order = insertOrder(world, { accountId: accountB, status: "NEW" });
    expect(drain(accountB, t0)).toEqual([order.id]);
  });

  it("never gives one account's order to another account", () => {
    const t0 = Date.UTC(2026, 11, 3, 14);
    drain(accountB, t0);
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    expect(drain(accountB, t0)).toEqual([]);
    expect(removeQueuedOrder(world.db, accountB, order.id)).toBe(false);
    expect(drain(accountA, t0)).toContain(order.id);
  });
});
