import { and, asc, count, eq, lt, sql } from "drizzle-orm";
import type { DeadlineKind } from "../../server/domain/orders/deadline-kinds";
import type { Db } from "../client";
import { orders, sellerAccounts } from "../schema";

/** Writes an order's next deadline where a change of its state bypasses `applyOrderChange`. */
export function writeOrderDeadline(
  db: Db,
  orderId: number,
  accountId: number,
  deadline: { deadlineAt: Date | null; deadlineKind: DeadlineKind | null },
): void {
  db.update(orders)
    .set(deadline)
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .run();
}

/**
 * A new promised dispatch date from the marketplace, written with the deadline `deadlineOf` derives from the order
 * carrying it (nothing when the order is not the account's).
 */
export function writePromisedShipAt(
  db: Db,
  orderId: number,
  accountId: number,
  promisedShipAt: Date | null,
  deadlineOf: (order: typeof orders.$inferSelect) => { deadlineAt: Date | null; deadlineKind: DeadlineKind | null },
): void {
  const order = db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .get();
  if (!order) return;
  db.update(orders)
    .set({ promisedShipAt, ...deadlineOf({ ...order, promisedShipAt }) })
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .run();
}

/**
 * Each account's open orders past their deadline, for support (SPEC §5: late is not a divergence, so it is not in
 * the divergence queue). One range of the account's deadline index per account.
 */
export function countLateByAccount(db: Db, now: Date, accountId?: number) {
  const late = db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.accountId, sellerAccounts.id), lt(orders.deadlineAt, now)));
  return db
    .select({ accountId: sellerAccounts.id, tradeName: sellerAccounts.tradeName, late: sql<number>`(${late})` })
    .from(sellerAccounts)
    .where(accountId === undefined ? undefined : eq(sellerAccounts.id, accountId))
    .orderBy(asc(sellerAccounts.tradeName))
    .all();
}
