import { describe, expect, it } from "vitest";
import { bulkInserter } from "../../db/bulk-load/bulk-insert";
import { SEED_LAYOUTS, SEED_TABLE_KEYS } from "../../db/bulk-load/rows";
import { type Db, migrateDb, openDb } from "../../db/client";
import { invoices, orderItems, orders, outbox, sellerAccounts, shipments, timelineEntries } from "../../db/schema";
import { encodeOrders } from "./batch-encoder";
import { fixtureMatchingOrder, type GeneratedOrder, generateOrder } from "./orders";
import { createRandom } from "./random";

const NOW = Date.UTC(2026, 10, 20, 15, 0, 0);
const ACCOUNT = {
  id: 1,
  cnpj: "06929383000163",
  legalName: "Aurora Utilidades Domésticas Ltda",
  stateCode: "43",
  sellerUserId: "u-1",
  sellerName: "Marina Costa",
};
const TABLES = ["orders", "order_items", "timeline_entries", "outbox", "invoices", "shipments"];

function emptyDb(): Db {
  const db = openDb(":memory:");
  migrateDb(db);
  // Both paths write the same rows; the users they point at are beside the point here.
  db.$client.pragma("foreign_keys = OFF");
  db.insert(sellerAccounts)
    .values({ id: 1, legalName: "Aurora", tradeName: "Aurora", cnpj: ACCOUNT.cnpj, createdAt: new Date(NOW) })
    .run();
  return db;
}

function dump(db: Db) {
  return Object.fromEntries(
    TABLES.map((t) => [t, db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all()]),
  );
}

function generated(count: number): GeneratedOrder[] {
  const random = createRandom(42);
  const list = Array.from({ length: count }, (_, i) => generateOrder(random, ACCOUNT, i + 1, NOW));
  return [...list, fixtureMatchingOrder(ACCOUNT, count + 1)];
}

describe("seed bulk insert", () => {
  it("writes exactly the rows Drizzle writes for the same generated orders", () => {
    const batch = generated(500);

    const viaDrizzle = emptyDb();
    batch.forEach((g, i) => {
      const orderId = i + 1;
      viaDrizzle
        .insert(orders)
        .values({ ...g.order, id: orderId })
        .run();
      for (const item of g.items)
        viaDrizzle
          .insert(orderItems)
          .values({ ...item, orderId })
          .run();
      for (const entry of g.timeline)
        viaDrizzle
          .insert(timelineEntries)
          .values({ ...entry, orderId })
          .run();
      for (const message of g.outbox)
        viaDrizzle
          .insert(outbox)
          .values({ ...message, orderId })
          .run();
      if (g.invoice)
        viaDrizzle
          .insert(invoices)
          .values({ ...g.invoice, orderId })
          .run();
      if (g.shipment)
        viaDrizzle
          .insert(shipments)
          .values({ ...g.shipment, orderId })
          .run();
    });

    const viaBulk = emptyDb();
    const packed = encodeOrders(batch, 1);
    for (const key of SEED_TABLE_KEYS) bulkInserter(viaBulk, SEED_LAYOUTS[key])(packed.tables[key], packed.strings);

    const expected = dump(viaDrizzle);
    expect(expected.timeline_entries?.length).toBeGreaterThan(1000);
    expect(dump(viaBulk)).toEqual(expected);
    // Two databases of a thousand orders each: seconds on a machine shared with other suites.
  }, 60_000);

  it("continues a random stream from its state", () => {
    const random = createRandom(7);
    for (let i = 0; i < 5; i++) random.next();
    const resumed = createRandom(random.state());
    expect(Array.from({ length: 5 }, resumed.next)).toEqual(Array.from({ length: 5 }, random.next));
  });
});
