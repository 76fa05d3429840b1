// SPEC §3 "Deadlines" on the board and the order page, through tRPC callers on a real database: the late and
// due-today filters and counts for every role, the deadline order's paging, and the figures moving when the seller
// invoices a late order.
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { orders } from "@/db/schema";
import { deadlineColumns, endOfToday } from "@/server/domain/orders/deadlines";
import { accountCnpj, insertOrder, type OrderRow, orderRow, userMessage, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, FIXED_NOW, type TestWorld } from "./harness";

const HOUR = 3_600_000;
// 12:00 in São Paulo: "today" runs 12 more hours, until 03:00 UTC of the next day.
const NOW = FIXED_NOW;

let world: TestWorld;
let accountA: number;
let accountB: number;
let late: OrderRow;
let dueToday: OrderRow;

/** An approved Americanas order (48 h to invoice) approved `hoursAgo` before NOW, its deadline written as the hub does. */
function approvedOrder(accountId: number, hoursAgo: number): OrderRow {
  const order = insertOrder(world, { accountId, placedAt: new Date(NOW - hoursAgo * HOUR - HOUR) });
  world.db.update(orders).set(deadlineColumns(order)).where(eq(orders.id, order.id)).run();
  return orderRow(world, order.id);
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  world = await createTestWorld(40);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
  late = approvedOrder(accountA, 50);
  dueToday = approvedOrder(accountA, 45);
  approvedOrder(accountA, 2);
  approvedOrder(accountB, 60);
});
afterAll(() => {
  world?.close();
  vi.useRealTimers();
});

type Caller = ReturnType<TestWorld["callerFor"]>;
type ListInput = Parameters<Caller["orders"]["list"]>[0];

async function listAll(caller: Caller, input: Omit<ListInput, "cursor" | "limit">) {
  const rows: Awaited<ReturnType<Caller["orders"]["list"]>>["orders"] = [];
  let cursor: Awaited<ReturnType<Caller["orders"]["list"]>>["nextCursor"] = null;
  do {
    const page = await caller.orders.list({ ...input, cursor, limit: 7 });
    rows.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** The account's orders as the database has them, for the expected answers. */
function ordersOf(accountId: number) {
  return world.db
    .select({
      id: orders.id,
      status: orders.status,
      channel: orders.channel,
      placedAt: orders.placedAt,
      deadlineAt: orders.deadlineAt,
    })
    .from(orders)
    .where(eq(orders.accountId, accountId))
    .all();
}

const endOfDay = endOfToday(new Date(NOW)).getTime();
const isLate = (o: { deadlineAt: Date | null }) => o.deadlineAt !== null && o.deadlineAt.getTime() < NOW;
const isDueToday = (o: { deadlineAt: Date | null }) =>
  o.deadlineAt !== null && o.deadlineAt.getTime() >= NOW && o.deadlineAt.getTime() < endOfDay;

const VIEWERS: [string, () => Caller, () => number][] = [
  ["seller", () => world.callerFor(EMAILS.sellerA), () => accountA],
  ["manager", () => world.callerFor(EMAILS.managerA), () => accountA],
  ["support", () => world.callerFor(EMAILS.support, accountA), () => accountA],
  ["admin", () => world.callerFor(EMAILS.admin, accountA), () => accountA],
  ["the other account's seller", () => world.callerFor(EMAILS.sellerB), () => accountB],
];

describe("late and due today", () => {
  for (const [who, caller, account] of VIEWERS)
    it(`lists and counts exactly its account's (${who})`, async () => {
      const mine = ordersOf(account());
      const expectedLate = mine.filter(isLate).map((o) => o.id);
      const expectedToday = mine.filter(isDueToday).map((o) => o.id);
      expect(expectedLate.length).toBeGreaterThan(0);
      const lateIds = (await listAll(caller(), { filters: { deadline: "late" } })).map((o) => o.id);
      const todayIds = (await listAll(caller(), { filters: { deadline: "today" } })).map((o) => o.id);
      expect(lateIds.sort()).toEqual(expectedLate.sort());
      expect(todayIds.sort()).toEqual(expectedToday.sort());
      const counts = await caller().orders.counts({ filters: {} });
      expect({ late: counts.late, dueToday: counts.dueToday }).toEqual({
        late: expectedLate.length,
        dueToday: expectedToday.length,
      });
      const lateTabs = await caller().orders.counts({ filters: { deadline: "late" } });
      const todayTabs = await caller().orders.counts({ filters: { deadline: "today", channels: ["americanas"] } });
      expect(lateTabs.all).toBe(expectedLate.length);
      expect(lateTabs.byStatus.APPROVED).toBe(mine.filter((o) => isLate(o) && o.status === "APPROVED").length);
      expect(todayTabs.all).toBe(mine.filter((o) => isDueToday(o) && o.channel === "americanas").length);
    });

  it("keeps the other account's orders out, and both figures under a status or deadline filter", async () => {
    const seller = world.callerFor(EMAILS.sellerB);
    const ids = (await listAll(seller, { filters: { deadline: "late" } })).map((o) => o.id);
    expect(ids).not.toContain(late.id);
    const all = await world.callerFor(EMAILS.sellerA).orders.counts({ filters: {} });
    const narrowed = await world.callerFor(EMAILS.sellerA).orders.counts({
      filters: { status: "DELIVERED", deadline: "today" },
    });
    expect({ late: narrowed.late, dueToday: narrowed.dueToday }).toEqual({ late: all.late, dueToday: all.dueToday });
    expect(narrowed.byStatus.APPROVED).toBeGreaterThanOrEqual(1);
  });

  it("counts under a period and a channel exactly the orders it lists", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    for (const filters of [
      { deadline: "late" as const, channels: ["americanas" as const], from: "2026-11-01", to: "2026-11-20" },
      { deadline: "today" as const, from: "2026-11-01" },
      { deadline: "late" as const, from: "2026-11-18" },
    ]) {
      const listed = await listAll(seller, { filters });
      expect(listed.length).toBeGreaterThan(0);
      expect((await seller.orders.counts({ filters })).all).toBe(listed.length);
    }
  });

  it("gives each row its deadline", async () => {
    const rows = await listAll(world.callerFor(EMAILS.managerA), { filters: { deadline: "today" } });
    expect(rows.find((o) => o.id === dueToday.id)).toMatchObject({
      deadlineKind: "invoice",
      deadlineAt: dueToday.deadlineAt?.getTime(),
    });
  });
});

describe("the deadline order", () => {
  /** Soonest deadline first, then the orders without one, newest first. */
  function expectedOrder(accountId: number, keep: (o: ReturnType<typeof ordersOf>[number]) => boolean) {
    const rows = ordersOf(accountId).filter(keep);
    const withDeadline = rows
      .filter((o) => o.deadlineAt !== null)
      .sort((a, b) => (a.deadlineAt?.getTime() ?? 0) - (b.deadlineAt?.getTime() ?? 0) || a.id - b.id);
    const without = rows
      .filter((o) => o.deadlineAt === null)
      .sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || b.id - a.id);
    return [...withDeadline, ...without].map((o) => o.id);
  }

  for (const [who, caller, account] of VIEWERS)
    it(`pages through every order once, soonest deadline first and those without one last (${who})`, async () => {
      const ids = (await listAll(caller(), { filters: {}, sort: "deadline" })).map((o) => o.id);
      expect(ids).toEqual(expectedOrder(account(), () => true));
    });

  it("pages a status without deadlines, and a deadline filter, in the same order", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    const delivered = await listAll(seller, { filters: { status: "DELIVERED" }, sort: "deadline" });
    expect(delivered.map((o) => o.id)).toEqual(expectedOrder(accountA, (o) => o.status === "DELIVERED"));
    const lateOnes = await listAll(seller, { filters: { deadline: "late" }, sort: "deadline" });
    expect(lateOnes.map((o) => o.id)).toEqual(expectedOrder(accountA, isLate));
  });

  it("refuses a cursor of the other order, in Portuguese", async () => {
    const error = await world
      .callerFor(EMAILS.sellerA)
      .orders.list({ filters: {}, sort: "deadline", cursor: { placedAt: NOW, id: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(userMessage(error as TRPCError)).toMatch(/recarregue a lista/);
  });
});

describe("invoicing a late order", () => {
  it("moves it from late to a ship deadline the order page describes, and the figures follow", async () => {
    const seller = world.callerFor(EMAILS.sellerA);
    const before = await seller.orders.counts({ filters: {} });
    const page = await seller.orders.get({ id: late.id });
    expect(page.deadline).toEqual({
      kind: "invoice",
      at: late.deadlineAt,
      state: "late",
      sentence: "Atrasado: a nota fiscal devia ter sido emitida até hoje às 10:00; informe a nota fiscal agora.",
    });
    await seller.orders.invoice({
      orderId: late.id,
      version: late.version,
      invoice: { method: "key", accessKey: validKey(accountCnpj(world, accountA), 2026, 11) },
    });
    const after = await seller.orders.counts({ filters: {} });
    expect(after.late).toBe(before.late - 1);
    const invoiced = await world.callerFor(EMAILS.support, accountA).orders.get({ id: late.id });
    expect(invoiced.deadline).toEqual({
      kind: "ship",
      at: new Date(NOW + 48 * HOUR),
      state: "upcoming",
      sentence: "Despache até 22/11 às 12:00.",
    });
    const stored = world.db
      .select({ deadlineKind: orders.deadlineKind })
      .from(orders)
      .where(and(eq(orders.id, late.id), eq(orders.accountId, accountA)))
      .get();
    expect(stored?.deadlineKind).toBe("ship");
    // The counters behind the late figure moved with it: they match the orders, day by day.
    const client = world.db.$client;
    const fromOrders = client
      .prepare(
        "SELECT account_id, channel, status, deadline_at / 86400000 AS day, count(*) AS n FROM orders WHERE deadline_at IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
      )
      .all();
    const counters = client
      .prepare("SELECT account_id, channel, status, day, n FROM order_deadline_counts WHERE n > 0 ORDER BY 1, 2, 3, 4")
      .all();
    expect(counters).toEqual(fromOrders);
    const byHour = (sql: string) => client.prepare(sql).all();
    expect(
      byHour(
        "SELECT account_id, hour, channel, status, n FROM order_deadline_hour_counts WHERE n > 0 ORDER BY 1, 2, 3, 4",
      ),
    ).toEqual(
      byHour(
        "SELECT account_id, deadline_at / 3600000 AS hour, channel, status, count(*) AS n FROM orders WHERE deadline_at IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
      ),
    );
  });

  it("an order of another account is not found, deadline or not", async () => {
    await expect(world.callerFor(EMAILS.sellerB).orders.get({ id: dueToday.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
