import { TRPCError } from "@trpc/server";
import { and, count, countDistinct, eq, gte, inArray, lt, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, outbox } from "@/db/schema";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { boardFiltersFromParams, boardUrl } from "@/server/domain/orders/board-url";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { saoPauloDayEnd, saoPauloDayStart } from "@/server/domain/time";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;

beforeAll(async () => {
  world = await createTestWorld(500);
  accountA = world.accounts[0]?.id ?? 0;
});
afterAll(() => world.close());

const manager = () => world.callerFor(EMAILS.managerA);

/** Every dashboard figure links to the board; the board's count for that link must be the same number. */
async function boardCount(href: string) {
  const filters = boardFiltersFromParams(new URL(href, "http://x").searchParams);
  const counts = await manager().orders.counts({ filters });
  return filters.status ? counts.byStatus[filters.status] : counts.all;
}

describe("manager dashboard", () => {
  it("counts by status and channel match direct SQL, for a period too", async () => {
    const from = "2026-10-20";
    const to = "2026-11-10";
    for (const period of [{}, { from, to }]) {
      const dashboard = await manager().dashboard.get(period);
      for (const status of ORDER_STATUSES) {
        for (const channel of CHANNEL_IDS) {
          const conditions = [eq(orders.accountId, accountA), eq(orders.status, status), eq(orders.channel, channel)];
          if ("from" in period) {
            conditions.push(gte(orders.placedAt, saoPauloDayStart(from)), lt(orders.placedAt, saoPauloDayEnd(to)));
          }
          const direct =
            world.db
              .select({ n: count() })
              .from(orders)
              .where(and(...conditions))
              .get()?.n ?? 0;
          const shown = dashboard.byStatusAndChannel.find((r) => r.status === status && r.channel === channel)?.n ?? 0;
          expect(shown, `${status} ${channel}`).toBe(direct);
          if (shown) expect(await boardCount(boardUrl({ ...period, status, channels: [channel] }))).toBe(shown);
        }
      }
    }
  });

  it("age buckets and late deliveries match direct SQL and the board they link to", async () => {
    const dashboard = await manager().dashboard.get({});
    const now = Date.now();
    for (const [status, buckets] of [
      ["APPROVED", dashboard.waiting.approvedWithoutInvoice],
      ["INVOICED", dashboard.waiting.invoicedWithoutShipment],
    ] as const) {
      for (const b of buckets) {
        const direct =
          world.db
            .select({ n: count() })
            .from(orders)
            .where(
              and(
                eq(orders.accountId, accountA),
                eq(orders.status, status),
                lte(orders.statusChangedAt, new Date(now - b.hours * 3_600_000)),
              ),
            )
            .get()?.n ?? 0;
        expect(b.n).toBe(direct);
        expect(await boardCount(boardUrl({ status, stuckForHours: b.hours }))).toBe(b.n);
      }
    }
    const late =
      world.db
        .select({ n: count() })
        .from(orders)
        .where(
          and(
            eq(orders.accountId, accountA),
            eq(orders.status, "SHIPPED"),
            lt(orders.estimatedDeliveryAt, new Date(now)),
          ),
        )
        .get()?.n ?? 0;
    expect(dashboard.waiting.shippedPastEstimate).toBe(late);
    expect(await boardCount(boardUrl({ status: "SHIPPED", lateDelivery: true }))).toBe(late);
  });

  it("replication health counts orders per channel and state, as the board filter does", async () => {
    const dashboard = await manager().dashboard.get({});
    const direct = world.db
      .select({ channel: outbox.channel, state: outbox.state, n: countDistinct(outbox.orderId) })
      .from(outbox)
      .where(
        and(eq(outbox.accountId, accountA), inArray(outbox.state, ["held", "pending", "sent", "retrying", "rejected"])),
      )
      .groupBy(outbox.channel, outbox.state)
      .all();
    expect(dashboard.replication).toEqual(expect.arrayContaining(direct));
    expect(dashboard.replication).toHaveLength(direct.length);
    for (const row of direct) {
      if (row.state === "held" || row.state === "pending" || row.state === "retrying" || row.state === "rejected") {
        expect(await boardCount(boardUrl({ channels: [row.channel], replication: row.state }))).toBe(row.n);
      }
    }
  });

  it("refuses a period that ends before it starts, with the field's message", async () => {
    await expect(manager().dashboard.get({ from: "2026-11-20", to: "2026-11-10" })).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof TRPCError && e.code === "BAD_REQUEST" && /anterior ou igual à data final/.test(String(e.cause)),
    );
  });

  it("shows only the caller's account; support sees the account they switched to", async () => {
    const accountB = world.accounts[1]?.id ?? 0;
    const mine = await manager().dashboard.get({});
    const theirs = await world.callerFor(EMAILS.support, accountB).dashboard.get({});
    const total = (d: typeof mine) => d.byStatusAndChannel.reduce((s, r) => s + r.n, 0);
    const countOf = (id: number) =>
      world.db.select({ n: count() }).from(orders).where(eq(orders.accountId, id)).get()?.n;
    expect(total(mine)).toBe(countOf(accountA));
    expect(total(theirs)).toBe(countOf(accountB));
    await expect(world.callerFor(null).dashboard.get({})).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "UNAUTHORIZED",
    );
  });
});
