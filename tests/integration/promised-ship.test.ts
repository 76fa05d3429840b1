// SPEC §3 "Deadlines": ship by is the marketplace's promised dispatch date where its API gives one, else hours after
// the invoice. The promise arrives with the order or later, and moves the deadline the board and the order page read.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type IngestStats, syncOne } from "@/server/sync/ingest";
import { accountCnpj, marketplaceOrder, orderRow, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, FIXED_NOW, type TestWorld } from "./harness";

const HOUR = 3_600_000;
let world: TestWorld;
let accountA: number;
let accountB: number;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(FIXED_NOW);
  world = await createTestWorld(0);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
});
afterAll(() => {
  world?.close();
  vi.useRealTimers();
});

const stats = (): IngestStats => ({ created: 0, changed: 0, flagged: 0, skipped: 0 });
const idOf = (accountId: number, code: string) =>
  (
    world.db.$client
      .prepare("SELECT id FROM orders WHERE account_id = ? AND marketplace_code = ?")
      .get(accountId, code) as { id: number }
  ).id;

describe("the marketplace's promised dispatch date", () => {
  it("is the ship deadline once the seller invoices, and moves when the marketplace moves it", async () => {
    const promise = new Date(FIXED_NOW + 6 * HOUR);
    syncOne(world.db, accountA, marketplaceOrder("LAM-701", { shipBy: promise.toISOString() }), new Date(), stats());
    // The same code in another account: a promise there must not touch this one.
    syncOne(world.db, accountB, marketplaceOrder("LAM-701", {}), new Date(), stats());
    const id = idOf(accountA, "LAM-701");
    expect(orderRow(world, id).deadlineKind).toBe("invoice");

    const seller = world.callerFor(EMAILS.sellerA);
    await seller.orders.invoice({
      orderId: id,
      version: orderRow(world, id).version,
      invoice: { method: "key", accessKey: validKey(accountCnpj(world, accountA), 2026, 11) },
    });
    const page = await seller.orders.get({ id });
    expect(page.deadline).toMatchObject({ kind: "ship", at: promise, state: "today" });

    const later = new Date(FIXED_NOW + 40 * HOUR);
    syncOne(
      world.db,
      accountA,
      marketplaceOrder("LAM-701", { status: "INVOICED", shipBy: later.toISOString() }),
      new Date(),
      stats(),
    );
    expect(orderRow(world, id)).toMatchObject({ promisedShipAt: later, deadlineAt: later, deadlineKind: "ship" });
    expect(orderRow(world, idOf(accountB, "LAM-701"))).toMatchObject({ promisedShipAt: null, deadlineKind: "invoice" });
  });

  it("arrives with an order already invoiced in the marketplace, and without one the channel's hours apply", () => {
    const promise = new Date(FIXED_NOW + 5 * HOUR);
    const invoice = { accessKey: validKey(accountCnpj(world, accountA), 2026, 11) };
    syncOne(
      world.db,
      accountA,
      marketplaceOrder("LAM-702", { status: "INVOICED", invoice, shipBy: promise.toISOString() }),
      new Date(),
      stats(),
    );
    syncOne(world.db, accountA, marketplaceOrder("LAM-703", { status: "INVOICED", invoice }), new Date(), stats());
    expect(orderRow(world, idOf(accountA, "LAM-702"))).toMatchObject({ deadlineAt: promise, deadlineKind: "ship" });
    expect(orderRow(world, idOf(accountA, "LAM-703"))).toMatchObject({
      deadlineAt: new Date(FIXED_NOW + 48 * HOUR),
      deadlineKind: "ship",
    });
  });

  it("is left as it was when the marketplace's answer does not carry one", () => {
    const id = idOf(accountA, "LAM-702");
    const before = orderRow(world, id);
    syncOne(world.db, accountA, marketplaceOrder("LAM-702", { status: "INVOICED" }), new Date(), stats());
    expect(orderRow(world, id).promisedShipAt).toEqual(before.promisedShipAt);
  });
});
