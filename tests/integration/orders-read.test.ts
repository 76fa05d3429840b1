import { TRPCError } from "@trpc/server";
import { and, count, desc, eq, inArray, like, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, outbox } from "@/db/schema";
import { formatDocument } from "@/server/domain/documents";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { awaitsConfirmation } from "@/server/domain/replication/awaiting-confirmation";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let accountB: number;

beforeAll(async () => {
  world = await createTestWorld(60);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
});
afterAll(() => world.close());

function anyOrderOf(accountId: number) {
  const row = world.db.select().from(orders).where(eq(orders.accountId, accountId)).limit(1).get();
  if (!row) throw new Error("no order");
  return row;
}

async function expectCode(promise: Promise<unknown>, code: TRPCError["code"]) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);
}

async function listAll(email: string, filters = {}, staffAccountId: number | null = null) {
  const caller = world.callerFor(email, staffAccountId);
  const seen: { id: number; placedAt: number }[] = [];
  let cursor: Awaited<ReturnType<typeof caller.orders.list>>["nextCursor"] = null;
  do {
    const page: Awaited<ReturnType<typeof caller.orders.list>> = await caller.orders.list({
      filters,
      cursor,
      limit: 7,
    });
    seen.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe("who sees what", () => {
  it("seller and manager see exactly their own account's orders", async () => {
    for (const email of [EMAILS.sellerA, EMAILS.managerA]) {
      const rows = await listAll(email);
      const own = world.db.select({ id: orders.id }).from(orders).where(eq(orders.accountId, accountA)).all();
      // 60 generated orders plus the one that matches the real NF-e fixture.
      expect(own).toHaveLength(61);
      expect(rows).toHaveLength(own.length);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(own.map((r) => r.id)));
    }
  });

  it("each listed row carries its order's own values, field by field", async () => {
    // The demo data has no order with a cancellation request or a manual change: give one each, for this test.
    const [first, second] = world.db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.accountId, accountA))
      .limit(2)
      .all();
    const at = new Date(Date.UTC(2026, 10, 19, 12, 30));
    world.db
      .update(orders)
      .set({ cancellationRequestedAt: at })
      .where(eq(orders.id, Number(first?.id)))
      .run();
    world.db
      .update(orders)
      .set({ handledManuallyAt: at })
      .where(eq(orders.id, Number(second?.id)))
      .run();
    const page = await world.callerFor(EMAILS.sellerA).orders.list({ filters: {}, limit: 100 });
    expect(page.orders.length).toBeGreaterThan(50);
    for (const row of page.orders) {
      const order = world.db.select().from(orders).where(eq(orders.id, row.id)).get();
      if (!order) throw new Error(`order ${row.id} missing`);
      // Instants travel as epoch milliseconds.
      const column = (value: unknown) => (value instanceof Date ? value.getTime() : value);
      const { lastUpdate, ...columns } = row;
      const expected = Object.fromEntries(
        Object.keys(columns).map((key) => [key, column(order[key as keyof typeof order])]),
      );
      expect(columns).toEqual(expected);
      // The newest update that still speaks for the order, as the outbox holds it.
      const newest = world.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.orderId, row.id), ne(outbox.state, "discarded")))
        .orderBy(desc(outbox.id))
        .get();
      expect(lastUpdate).toEqual(
        newest
          ? {
              kind: newest.kind,
              state: newest.state,
              at: newest.updatedAt.getTime(),
              awaiting: awaitsConfirmation(newest),
            }
          : null,
      );
    }
    // Rows with and without an update, so both were compared.
    expect(page.orders.some((r) => r.lastUpdate === null)).toBe(true);
    expect(page.orders.some((r) => r.lastUpdate !== null)).toBe(true);
    // Orders with and without each optional value, so every column was compared both ways.
    for (const key of ["accessKey", "trackingCode", "cancellationRequestedAt", "handledManuallyAt"] as const) {
      expect(page.orders.some((r) => r[key] === null)).toBe(true);
      expect(page.orders.some((r) => r[key] !== null)).toBe(true);
    }
    world.db
      .update(orders)
      .set({ cancellationRequestedAt: null, handledManuallyAt: null })
      .where(inArray(orders.id, [Number(first?.id), Number(second?.id)]))
      .run();
  });

  it("another account's order is NOT_FOUND for seller and manager", async () => {
    const foreign = anyOrderOf(accountB);
    await expectCode(world.callerFor(EMAILS.sellerA).orders.get({ id: foreign.id }), "NOT_FOUND");
    await expectCode(world.callerFor(EMAILS.managerA).orders.get({ id: foreign.id }), "NOT_FOUND");
    const own = anyOrderOf(accountA);
    const detail = await world.callerFor(EMAILS.managerA).orders.get({ id: own.id });
    expect(detail.order.marketplaceCode).toBe(own.marketplaceCode);
    expect(detail.items.length).toBeGreaterThan(0);
    expect(detail.timeline.length).toBeGreaterThan(0);
  });

  it("a seller cannot reach another account by naming it in the staff cookie", async () => {
    const rows = await listAll(EMAILS.sellerA, {}, accountB);
    const accountsSeen = new Set(
      rows.map((r) => world.db.select({ a: orders.accountId }).from(orders).where(eq(orders.id, r.id)).get()?.a),
    );
    expect([...accountsSeen]).toEqual([accountA]);
    const foreign = anyOrderOf(accountB);
    await expectCode(world.callerFor(EMAILS.sellerA, accountB).orders.get({ id: foreign.id }), "NOT_FOUND");
    const me = await world.callerFor(EMAILS.sellerA, accountB).session.me();
    expect(me.account?.id).toBe(accountA);
  });

  it("support and admin see the account they switched to, and only it", async () => {
    for (const email of [EMAILS.support, EMAILS.admin]) {
      const orderB = anyOrderOf(accountB);
      await expectCode(world.callerFor(email, accountA).orders.get({ id: orderB.id }), "NOT_FOUND");
      const detail = await world.callerFor(email, accountB).orders.get({ id: orderB.id });
      expect(detail.order.id).toBe(orderB.id);
      const me = await world.callerFor(email, accountB).session.me();
      expect(me.isStaff).toBe(true);
      expect(me.canAct).toBe(false);
      expect(me.switchableAccounts.map((a) => a.id).sort()).toEqual([accountA, accountB].sort());
    }
  });

  it("switching account is for staff only and sets the cookie", async () => {
    await expectCode(world.callerFor(EMAILS.sellerA).accounts.switch({ accountId: accountB }), "FORBIDDEN");
    await expectCode(world.callerFor(EMAILS.managerA).accounts.list(), "FORBIDDEN");
    const headers = new Headers();
    const { createCaller } = await import("@/server/api/root");
    const caller = createCaller({
      db: world.db,
      user: world.userByEmail(EMAILS.support),
      staffAccountId: null,
      resHeaders: headers,
    });
    await caller.accounts.switch({ accountId: accountB });
    expect(headers.get("set-cookie")).toContain(`fluxo_conta=${accountB}`);
    expect(headers.get("set-cookie")).toContain("HttpOnly");
    await expectCode(caller.accounts.switch({ accountId: 999_999 }), "NOT_FOUND");
  });

  it("signed-out callers get UNAUTHORIZED everywhere", async () => {
    const caller = world.callerFor(null);
    await expectCode(caller.orders.list({ filters: {} }), "UNAUTHORIZED");
    await expectCode(caller.orders.get({ id: anyOrderOf(accountA).id }), "UNAUTHORIZED");
    await expectCode(caller.orders.counts({ filters: {} }), "UNAUTHORIZED");
    await expectCode(caller.session.me(), "UNAUTHORIZED");
  });
});

describe("board filters", () => {
  const seller = () => world.callerFor(EMAILS.sellerA);

  it("keyset pages are ordered, disjoint and complete", async () => {
    const rows = await listAll(EMAILS.sellerA);
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1];
      const cur = rows[i];
      if (!prev || !cur) continue;
      const ordered = prev.placedAt > cur.placedAt || (prev.placedAt === cur.placedAt && prev.id > cur.id);
      expect(ordered).toBe(true);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it("counts per status match the database and the lists", async () => {
    const counts = await seller().orders.counts({ filters: {} });
    let sum = 0;
    for (const status of ORDER_STATUSES) {
      const direct = world.db
        .select({ n: count() })
        .from(orders)
        .where(and(eq(orders.accountId, accountA), eq(orders.status, status)))
        .get();
      expect(counts.byStatus[status]).toBe(direct?.n ?? 0);
      sum += counts.byStatus[status];
      const listed = await listAll(EMAILS.sellerA, { status });
      expect(listed).toHaveLength(counts.byStatus[status]);
    }
    expect(counts.all).toBe(sum);
  });

  it("filters by channel and by placed-date range in São Paulo time", async () => {
    const rows = await listAll(EMAILS.sellerA, { channels: ["amazon", "zoom"] });
    const detail = await Promise.all(rows.map((r) => seller().orders.get({ id: r.id })));
    expect(detail.every((d) => d.order.channel === "amazon" || d.order.channel === "zoom")).toBe(true);

    const all = await listAll(EMAILS.sellerA);
    const day = "2026-11-18";
    const inDay = all.filter((r) => {
      const sp = new Date(r.placedAt - 3 * 3600_000).toISOString().slice(0, 10);
      return sp === day;
    });
    const filtered = await listAll(EMAILS.sellerA, { from: day, to: day });
    expect(filtered.map((r) => r.id).sort()).toEqual(inDay.map((r) => r.id).sort());
  });

  it("refuses an inverted date range with a pt-BR message", async () => {
    await expect(seller().orders.list({ filters: { from: "2026-11-10", to: "2026-11-01" } })).rejects.toThrow(
      /data inicial/,
    );
  });

  it("searches by code, formatted CPF/CNPJ, accent-free name, NF-e key and tracking code", async () => {
    const withKey = world.db
      .select()
      .from(orders)
      .where(and(eq(orders.accountId, accountA), eq(orders.status, "SHIPPED")))
      .limit(1)
      .get();
    if (!withKey?.accessKey || !withKey.trackingCode) throw new Error("seed has no shipped order");
    const find = async (q: string) => (await listAll(EMAILS.sellerA, { q })).map((r) => r.id);

    expect(await find(withKey.marketplaceCode)).toContain(withKey.id);
    expect(await find(` ${withKey.marketplaceCode.toLowerCase()} `)).toContain(withKey.id);
    // Typed without its punctuation, or with spaces for dashes, an order code still finds the order.
    const dashed = world.db
      .select()
      .from(orders)
      .where(and(eq(orders.accountId, accountA), like(orders.marketplaceCode, "%-%")))
      .limit(1)
      .get();
    if (!dashed) throw new Error("seed has no code with a dash");
    expect(await find(dashed.marketplaceCode.replaceAll("-", ""))).toContain(dashed.id);
    expect(await find(dashed.marketplaceCode.replaceAll("-", " ").toLowerCase())).toContain(dashed.id);
    expect(await find(formatDocument(withKey.customerDocument))).toContain(withKey.id);
    expect(await find(withKey.accessKey.replace(/(.{4})/g, "$1 "))).toEqual([withKey.id]);
    expect(await find(withKey.trackingCode.toLowerCase())).toContain(withKey.id);
    const accentFree = withKey.customerName
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toUpperCase();
    expect(await find(accentFree)).toContain(withKey.id);

    // By its number alone, as a customer quotes it, whatever the marketplace's letters; with letters, only its own.
    const [lam, mgz] = world.db
      .select()
      .from(orders)
      .where(eq(orders.accountId, accountA))
      .orderBy(orders.id)
      .limit(2)
      .all();
    if (!lam || !mgz) throw new Error("seed has too few orders");
    world.db.update(orders).set({ marketplaceCode: "LAM-9990000001" }).where(eq(orders.id, lam.id)).run();
    world.db.update(orders).set({ marketplaceCode: "MGZ-9990000001" }).where(eq(orders.id, mgz.id)).run();
    expect((await find("9990000001")).sort()).toEqual([lam.id, mgz.id].sort());
    expect(await find("lam 9990000001")).toEqual([lam.id]);
    expect(await find("MGZ9990000001")).toEqual([mgz.id]);
    expect(await find("ZM-9990000001")).toEqual([]);

    // The other account's orders never match, even by their exact code.
    const foreign = anyOrderOf(accountB);
    expect(await find(foreign.marketplaceCode)).toEqual([]);
  });
});
