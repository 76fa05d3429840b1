import { and, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { searchableText } from "@/server/domain/format";
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
  let cursor: { placedAt: number; id: number } | null = null;
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

  it("still finds one of them by its code", async () => {
    const ids = await allPages(`ZQ-${accountA}-5`);
    expect(ids).toHaveLength(1);
  });
});
