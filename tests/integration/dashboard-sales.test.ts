import { TRPCError } from "@trpc/server";
import { and, eq, gte, lt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, orders, shipments } from "@/db/schema";
import type { ChannelId } from "@/server/domain/channels/channels";
import { CHANNEL_RULES, marketplaceShips } from "@/server/domain/channels/rules";
import { lateNow } from "@/server/domain/dashboard/figures";
import { salesBoardLinks } from "@/server/domain/dashboard/links";
import { salesFigures } from "@/server/domain/dashboard/sales";
import { boardFiltersFromParams } from "@/server/domain/orders/board-url";
import { saoPauloDayEnd, saoPauloDayStart, toSaoPauloYmd } from "@/server/domain/time";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";
import { onPostgres } from "./test-database";

let world: TestWorld;
let accountA: number;
let accountB: number;

beforeAll(async () => {
  world = await createTestWorld(400);
  accountA = world.accounts[0]?.id ?? 0;
  accountB = world.accounts[1]?.id ?? 0;
});
afterAll(() => world.close());

const PERIOD = { from: "2026-09-01", to: "2026-11-20" };
const HOUR = 3_600_000;

/** The figures worked out order by order in plain code, from the rows and the channel rules. */
function expected(accountId: number, period: { from: string; to: string }, now: number) {
  const rows = world.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        gte(orders.placedAt, saoPauloDayStart(period.from)),
        lt(orders.placedAt, saoPauloDayEnd(period.to)),
      ),
    )
    .all();
  const first = (list: { orderId: number; createdAt: Date }[]) => {
    const map = new Map<number, number>();
    for (const r of list) map.set(r.orderId, Math.min(map.get(r.orderId) ?? Infinity, r.createdAt.getTime()));
    return map;
  };
  const invoicedAt = first(world.db.select().from(invoices).where(eq(invoices.accountId, accountId)).all());
  const shippedAt = first(world.db.select().from(shipments).where(eq(shipments.accountId, accountId)).all());
  const zero = () => ({ orders: 0, doneLate: 0, openLate: 0, timed: 0, totalMs: 0 });
  const byChannel = new Map<ChannelId, ReturnType<typeof blank>>();
  const blank = () => ({
    orders: 0,
    revenueCents: 0,
    revenueOrders: 0,
    invoice: zero(),
    ship: zero(),
    acceptOpenLate: 0,
  });
  const perDay = new Map<string, number>();
  for (const o of rows) {
    const c = byChannel.get(o.channel) ?? blank();
    byChannel.set(o.channel, c);
    perDay.set(toSaoPauloYmd(o.placedAt), (perDay.get(toSaoPauloYmd(o.placedAt)) ?? 0) + 1);
    c.orders++;
    if (o.status !== "CANCELED") {
      c.revenueCents += o.totalCents;
      c.revenueOrders++;
    }
    const approved = (o.approvedAt ?? o.placedAt).getTime();
    const invoiced = invoicedAt.get(o.id);
    const pastDeadline = o.deadlineAt !== null && o.deadlineAt.getTime() < now;
    if (invoiced !== undefined || o.deadlineKind === "invoice") c.invoice.orders++;
    if (invoiced !== undefined) {
      c.invoice.timed++;
      c.invoice.totalMs += invoiced - approved;
      if (invoiced > approved + CHANNEL_RULES[o.channel].invoiceDeadlineHours * HOUR) c.invoice.doneLate++;
    }
    if (o.deadlineKind === "invoice" && pastDeadline) c.invoice.openLate++;
    if (o.deadlineKind === "accept" && pastDeadline) c.acceptOpenLate++;
    if (marketplaceShips(o.channel, o.logisticsMode)) continue;
    const shipped = shippedAt.get(o.id);
    if (shipped !== undefined || o.deadlineKind === "ship") c.ship.orders++;
    if (shipped !== undefined) {
      c.ship.timed++;
      c.ship.totalMs += shipped - approved;
      if (invoiced !== undefined && shipped > invoiced + CHANNEL_RULES[o.channel].shipDeadlineHours * HOUR) {
        c.ship.doneLate++;
      }
    }
    if (o.deadlineKind === "ship" && pastDeadline) c.ship.openLate++;
  }
  return { byChannel, perDay, blank };
}

/** The orders the board lists for a link, every page of them: what the figure opens. */
async function boardCount(href: string) {
  const filters = boardFiltersFromParams(new URL(href, "http://x").searchParams);
  const caller = world.callerFor(EMAILS.managerA);
  let listed = 0;
  let cursor: Awaited<ReturnType<typeof caller.orders.list>>["nextCursor"] = null;
  do {
    const page = await caller.orders.list({ filters, cursor, limit: 100 });
    listed += page.orders.length;
    cursor = page.nextCursor;
  } while (cursor);
  return listed;
}

describe("the manager's money and trend", () => {
  it("adds revenue, stages and their durations per channel as the orders and the channel rules say", async () => {
    const before = Date.now();
    const sales = await world.callerFor(EMAILS.managerA).dashboard.sales(PERIOD);
    const after = Date.now();
    expect(sales.period).toEqual(PERIOD);
    // A deadline passing between the call and the check would move one order; none falls in that instant here.
    const { byChannel, blank } = expected(accountA, PERIOD, before);
    expect(expected(accountA, PERIOD, after).byChannel).toEqual(byChannel);
    for (const row of sales.channels) {
      const { channel, ...figures } = row;
      expect(figures, channel).toEqual(byChannel.get(channel) ?? blank());
    }
    const total = sales.total;
    expect(total.orders).toBe(sales.channels.reduce((s, c) => s + c.orders, 0));
    expect(total.revenueCents).toBe(sales.channels.reduce((s, c) => s + c.revenueCents, 0));
    expect(total.invoice.doneLate).toBe(sales.channels.reduce((s, c) => s + c.invoice.doneLate, 0));
    // The seed has late and on-time orders in both stages, so a figure stuck at zero would fail here.
    expect(total.invoice.doneLate).toBeGreaterThan(0);
    expect(total.invoice.openLate).toBeGreaterThan(0);
    expect(total.ship.doneLate + total.ship.openLate).toBeGreaterThan(0);
    expect(total.invoice.doneLate + total.invoice.openLate).toBeLessThan(total.invoice.orders);
  });

  it("counts orders per day, zeros included, and each day opens the board on exactly that day", async () => {
    const sales = await world.callerFor(EMAILS.managerA).dashboard.sales(PERIOD);
    const { perDay } = expected(accountA, PERIOD, Date.now());
    expect(sales.perDay[0]?.day).toBe(PERIOD.from);
    expect(sales.perDay.at(-1)?.day).toBe(PERIOD.to);
    expect(sales.perDay).toHaveLength(81);
    for (const { day, n } of sales.perDay) expect(n, day).toBe(perDay.get(day) ?? 0);
    expect(sales.perDay.reduce((s, d) => s + d.n, 0)).toBe(sales.total.orders);
    const links = salesBoardLinks(sales.period);
    for (const { day, n } of sales.perDay.filter((d) => d.n > 0).slice(0, 5)) {
      expect(await boardCount(links.day(day))).toBe(n);
    }
  });

  it("opens the board on exactly the orders each linked figure counts", async () => {
    const sales = await world.callerFor(EMAILS.managerA).dashboard.sales(PERIOD);
    const links = salesBoardLinks(sales.period);
    for (const row of sales.channels) {
      expect(await boardCount(links.revenue(row.channel)), row.channel).toBe(row.revenueOrders);
      expect(await boardCount(links.orders(row.channel)), row.channel).toBe(row.orders);
      expect(await boardCount(links.lateNow(row.channel)), row.channel).toBe(lateNow(row));
    }
    expect(await boardCount(links.revenue(null))).toBe(sales.total.revenueOrders);
    expect(await boardCount(links.orders())).toBe(sales.total.orders);
    expect(await boardCount(links.lateNow(null))).toBe(lateNow(sales.total));
  });

  it("closes an open period: a month up to today, or up to today from the chosen start", async () => {
    const today = toSaoPauloYmd(new Date());
    const open = await world.callerFor(EMAILS.managerA).dashboard.sales({});
    expect(open.period.to).toBe(today);
    expect(open.perDay).toHaveLength(30);
    const fromOnly = await world.callerFor(EMAILS.managerA).dashboard.sales({ from: "2026-11-01" });
    expect(fromOnly.period).toEqual({ from: "2026-11-01", to: today });
  });

  it("shows each role its own account's figures, and staff the account they switched to", async () => {
    const revenueOf = (id: number) =>
      [...expected(id, PERIOD, Date.now()).byChannel.values()].reduce((s, c) => s + c.revenueCents, 0);
    for (const [email, staffAccount, account] of [
      [EMAILS.sellerA, null, accountA],
      [EMAILS.managerA, null, accountA],
      [EMAILS.sellerB, null, accountB],
      [EMAILS.managerB, null, accountB],
      [EMAILS.support, accountB, accountB],
      [EMAILS.admin, accountA, accountA],
    ] as const) {
      const sales = await world.callerFor(email, staffAccount).dashboard.sales(PERIOD);
      expect(sales.total.revenueCents, email).toBe(revenueOf(account));
    }
    expect(revenueOf(accountA)).not.toBe(revenueOf(accountB));
    await expect(world.callerFor(null).dashboard.sales(PERIOD)).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "UNAUTHORIZED",
    );
  });

  // SQLite's plan, read from its EXPLAIN QUERY PLAN: PostgreSQL plans from its statistics.
  it.skipIf(onPostgres)(
    "reads the account's orders of the period through its index, each order's invoice and shipment once",
    () => {
      const client = world.db.$client;
      const prepare = client.prepare;
      const statements: string[] = [];
      client.prepare = ((source: string) => {
        statements.push(source);
        return prepare.call(client, source);
      }) as typeof client.prepare;
      try {
        salesFigures(world.db, accountA, PERIOD, new Date());
      } finally {
        client.prepare = prepare;
      }
      expect(statements).toHaveLength(2);
      const params = [accountA, saoPauloDayStart(PERIOD.from).getTime(), saoPauloDayEnd(PERIOD.to).getTime()];
      for (const source of statements) {
        // The plan does not depend on the values bound, only on their places: any of the right types will do.
        const count = (source.match(/\?/g) ?? []).length;
        const bound = Array.from({ length: count }, (_, i) => params[i % params.length]);
        const plan = (prepare.call(client, `EXPLAIN QUERY PLAN ${source}`).all(bound) as { detail: string }[])
          .map((r) => r.detail)
          .join(" | ");
        expect(plan).not.toMatch(/SCAN (orders|invoices|shipments)\b/);
        expect(plan).toMatch(/SEARCH orders USING (COVERING )?INDEX orders_account_\w+ \(account_id=\?/);
        const probes = plan.match(/CORRELATED SCALAR SUBQUERY/g)?.length ?? 0;
        expect(probes, plan).toBe(source.includes("invoices") ? 2 : 0);
      }
    },
  );

  it("refuses a period that ends before it starts, with the field's message", async () => {
    await expect(
      world.callerFor(EMAILS.managerA).dashboard.sales({ from: "2026-11-20", to: "2026-11-10" }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof TRPCError && e.code === "BAD_REQUEST" && /anterior ou igual à data final/.test(String(e.cause)),
    );
  });
});
