import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import { erpApiKeys, erpQueue } from "../schema";

/**
 * Puts the order in its account's queue, visible at once (again, when it was already there or read and not yet
 * deleted), if the account has an unrevoked key: the queue starts when an ERP is connected and holds nothing nobody
 * reads. Which changes call this is the domain's rule (server/domain/erp/queue.ts).
 */
export function enqueueErpOrder(db: Db, accountId: number, orderId: number): void {
  const statement = preparedOnce(db, "erpQueue.enqueue", () =>
    db
      .insert(erpQueue)
      .select(
        db
          .select({
            // Typed: PostgreSQL gives an untyped value in a select list the type text.
            orderId: sql<number>`cast(${sql.placeholder("orderId")} as integer)`.as("order_id"),
            accountId: erpApiKeys.accountId,
            visibleAt: sql<number>`0`.as("visible_at"),
          })
          .from(erpApiKeys)
          .where(and(eq(erpApiKeys.accountId, sql.placeholder("accountId")), isNull(erpApiKeys.revokedAt)))
          .limit(1),
      )
      .onConflictDoUpdate({ target: erpQueue.orderId, set: { visibleAt: 0 } })
      .prepare(),
  );
  statement.run({ orderId, accountId });
}

/**
 * The account's next visible queue item, hidden until `hiddenUntil` in the same statement so two readers never get
 * the same order within the lease (SkyHub gives it again if it is not deleted within 5 minutes).
 */
export function takeQueuedOrder(db: Db, accountId: number, now: number, hiddenUntil: number): number | null {
  const next = preparedOnce(db, "erpQueue.next", () =>
    db
      .select({ orderId: erpQueue.orderId })
      .from(erpQueue)
      .where(and(eq(erpQueue.accountId, sql.placeholder("accountId")), lte(erpQueue.visibleAt, sql.placeholder("now"))))
      .orderBy(asc(erpQueue.visibleAt), asc(erpQueue.orderId))
      .limit(1)
      .prepare(),
  );
  const hide = preparedOnce(db, "erpQueue.hide", () =>
    db
      .update(erpQueue)
      .set({ visibleAt: sql`${sql.placeholder("hiddenUntil")}` })
      .where(and(eq(erpQueue.orderId, sql.placeholder("orderId")), lte(erpQueue.visibleAt, sql.placeholder("now"))))
      .prepare(),
  );
  return db.transaction(
    () => {
      const row = next.get({ accountId, now });
      if (!row) return null;
      hide.run({ orderId: row.orderId, now, hiddenUntil });
      return row.orderId;
    },
    { behavior: "immediate" },
  );
}

/** True when the order was in the account's queue. */
export function removeQueuedOrder(db: Db, accountId: number, orderId: number): boolean {
  const statement = preparedOnce(db, "erpQueue.remove", () =>
    db
      .delete(erpQueue)
      .where(
        and(eq(erpQueue.orderId, sql.placeholder("orderId")), eq(erpQueue.accountId, sql.placeholder("accountId"))),
      )
      .prepare(),
  );
  return statement.run({ orderId, accountId }).changes > 0;
}

export function isQueued(db: Db, orderId: number): boolean {
  const statement = preparedOnce(db, "erpQueue.has", () =>
    db
      .select({ orderId: erpQueue.orderId })
      .from(erpQueue)
      .where(eq(erpQueue.orderId, sql.placeholder("orderId")))
      .prepare(),
  );
  return !!statement.get({ orderId });
}
