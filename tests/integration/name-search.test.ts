import { and, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildOrderIdBlocks } from "@/db/queries/order-id-blocks";
import { walkNameMatches } from "@/db/queries/orders";
import { ORDER_ID_BLOCK_BITS, orders } from "@/db/schema";
import { searchableText } from "@/server/domain/format";
import { orderFilters } from "@/server/domain/orders/board-query";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let accountB: number;

// More orders share these names than the search's threshold (2 000), so the board takes its other plan.
const COMMON = "Zélia Quaresma";
const RARE = "Zélia Quintanilha";
const PER_ACCOUNT = 1_100;

beforeAll(async () => {
  world = await createTestWorld(20);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
  for (const accountId of [accountA, accountB]) {
    const template = world.db.select().from(orders).where(eq(orders.accountId, accountId)).limit(1).get();
    if (!template) throw new Error("no order to copy");
    const { id: _id, ...rest } = template;
    const copies = Array.from({ length: PER_ACCOUNT }, (_, i) => {
      const name = i % 100 === 7 ? RARE : COMMON;
      return {
        ...rest,
        marketplaceCode: `ZQ-${accountId}-${i}`,
        customerName: name,
        customerNameSearch: searchableText(name),
        // Some share a placed-at instant, so the id breaks the tie.
        placedAt: new Date(template.placedAt.getTime() - Math.floor(i / 3) * 60_000),
        accessKey: null,
        trackingCode: null,
      };
    });
    for (let i = 0; i < copies.length; i += 200)
      world.db
        .insert(orders)
        .values(copies.slice(i, i + 200))
        .run();
  }
});
afterAll(() => world.close());

async function allPages(q: string, status?: "APPROVED") {
  const caller = world.callerFor(EMAILS.sellerA);
  const ids: number[] = [];
  let cursor: Awaited<ReturnType<typeof caller.orders.list>>["nextCursor"] = null;
  do {
    const page: Awaited<ReturnType<typeof caller.orders.list>> = await caller.orders.list({
      filters: { q, status },
      cursor,
      limit: 50,
    });
    ids.push(...page.orders.map((o) => o.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

function expected(name: string, status?: string) {
  return world.db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountA),
        eq(orders.customerNameSearch, searchableText(name)),
        status ? eq(orders.status, status as "APPROVED") : undefined,
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .all()
    .map((r) => r.id);
}

describe("searching a name many orders share", () => {
  it("pages through exactly the account's matches, newest first, whichever plan the name takes", async () => {
    // "zelia" matches 2 200 orders across the accounts (dense); "quintanilha" 22 (few).
    expect(await allPages("zelia")).toEqual(
      world.db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.accountId, accountA), inArray(orders.customerName, [COMMON, RARE])))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .all()
        .map((r) => r.id),
    );
    expect(await allPages("zelia quaresma")).toEqual(expected(COMMON));
    expect(await allPages("quintanilha")).toEqual(expected(RARE));
    expect(await allPages("ZÉLIA QUINT")).toEqual(expected(RARE));
    expect(await allPages("zelia", "APPROVED")).toEqual(
      world.db
        .select({ id: orders.id })
        .from(orders)
        .where(
          and(
            eq(orders.accountId, accountA),
            eq(orders.status, "APPROVED"),
            inArray(orders.customerName, [COMMON, RARE]),
          ),
        )
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .all()
        .map((r) => r.id),
    );
  });

  it("counts a common name's orders per status, only in the account", async () => {
    const counts = await world.callerFor(EMAILS.sellerA).orders.counts({ filters: { q: "zelia quaresma" } });
    expect(counts.all).toBe(expected(COMMON).length);
    expect(counts.all).toBeGreaterThan(1_000);
  });

  it("pages exactly when orders arrived out of the order they were placed in", async () => {
    // Mostly in order with jitter, every 40th a late arrival from weeks before, every 13th dated 12 min ahead of
    // orders inserted after it and one 3 h ahead: the newest-id walk must stop early, yet never before a smaller
    // id that still belongs first.
    let state = 20261127;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const names = ["Odete Valadares", "Odete Vasconcelos", "Otávio Valadares"];
    const statuses = ["APPROVED", "INVOICED", "SHIPPED"] as const;
    // After every order already there, as new orders come.
    const base = (world.db.$client.prepare("SELECT max(placed_at) FROM orders").pluck().get() as number) + 3_600_000;
    const copiesFor = (accountId: number) => {
      const template = world.db.select().from(orders).where(eq(orders.accountId, accountId)).limit(1).get();
      if (!template) throw new Error("no order to copy");
      const { id: _id, ...rest } = template;
      return Array.from({ length: 1_500 }, (_, i) => {
        const name = names[i % 3] as string;
        const late = i % 40 === 0 ? -20 * 86_400_000 : i === 1_400 ? 3 * 3_600_000 : i % 13 === 0 ? 12 * 60_000 : 0;
        return {
          ...rest,
          marketplaceCode: `OV-${accountId}-${i}`,
          status: statuses[Math.floor(next() * 3)] ?? "APPROVED",
          customerName: name,
          customerNameSearch: searchableText(name),
          placedAt: new Date(base + i * 60_000 + Math.floor((next() - 0.5) * 600_000) + late),
          accessKey: null,
          trackingCode: null,
        };
      });
    };
    const [mine, theirs] = [copiesFor(accountA), copiesFor(accountB)];
    // The two accounts' orders arrive interleaved, as they would.
    for (let i = 0; i < mine.length; i += 50)
      for (const copies of [mine, theirs])
        world.db
          .insert(orders)
          .values(copies.slice(i, i + 50))
          .run();
    // The bound the triggers keep is what it should be, in the blocks the search reads (ORDER_ID_BLOCK_BITS).
    const expectBlocksExact = () =>
      expect(
        world.db.$client.prepare("SELECT block, newest_placed_at AS newest FROM order_id_blocks ORDER BY block").all(),
      ).toEqual(
        world.db.$client
          .prepare(
            `SELECT block, max(newest) OVER (ORDER BY block ROWS UNBOUNDED PRECEDING) AS newest
             FROM (SELECT id >> ${ORDER_ID_BLOCK_BITS} AS block, max(placed_at) AS newest FROM orders GROUP BY 1) AS blocks
             ORDER BY block`,
          )
          .all(),
      );
    const reference = (like: string[], status?: "APPROVED") =>
      world.db
        .select({ id: orders.id, name: orders.customerNameSearch })
        .from(orders)
        .where(and(eq(orders.accountId, accountA), status ? eq(orders.status, status) : undefined))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .all()
        .filter((r) => like.every((w) => r.name.split(" ").some((word) => word.startsWith(w))))
        .map((r) => r.id);
    const expectAllPagesExact = async () => {
      for (const [q, words] of [
        ["odete", ["odete"]],
        ["odete vala", ["odete", "vala"]],
        ["valadares", ["valadares"]],
        ["ot vasc", ["ot", "vasc"]],
      ] as const) {
        expect(await allPages(q)).toEqual(reference([...words]));
        expect(await allPages(q, "APPROVED")).toEqual(reference([...words], "APPROVED"));
      }
    };
    // How many of every account's orders the walk read for the first page of "odete", and whether it was right.
    const allOdetes = world.db.$client
      .prepare("SELECT count(*) FROM orders WHERE customer_name_search LIKE 'odete %'")
      .pluck()
      .get() as number;
    const walkedFirstPage = () => {
      const walk = walkNameMatches(world.db, accountA, orderFilters({ q: "odete" }), 50);
      if (walk === null || walk === "dense") throw new Error(`the walk did not run: ${walk}`);
      expect(walk.rows.map((r) => r.id)).toEqual(reference(["odete"]).slice(0, 51));
      return walk.read;
    };

    expectBlocksExact();
    // The first page settles long before every match is read, and every page is exact.
    expect(walkedFirstPage()).toBeLessThan(allOdetes);
    await expectAllPagesExact();

    // An early order whose date is corrected to the newest of all must lead the search, though its id is small.
    const early = eq(orders.marketplaceCode, `OV-${accountA}-3`);
    const before = world.db.select().from(orders).where(early).get();
    world.db
      .update(orders)
      .set({ placedAt: new Date(base + 2 * 86_400_000) })
      .where(early)
      .run();
    expectBlocksExact();
    expect((await allPages("odete"))[0]).toBe(before?.id);
    await expectAllPagesExact();

    // Put back, it leaves the blocks above it high (triggers only raise them): still exact, but no early stop,
    // until the worker's rebuild.
    world.db.update(orders).set({ placedAt: before?.placedAt }).where(early).run();
    expect(walkedFirstPage()).toBe(allOdetes);
    await expectAllPagesExact();
    rebuildOrderIdBlocks(world.db);
    expectBlocksExact();
    expect(walkedFirstPage()).toBeLessThan(allOdetes);
  });

  it("still finds one of them by its code", async () => {
    const ids = await allPages(`ZQ-${accountA}-5`);
    expect(ids).toHaveLength(1);
  });
});
