import { and, eq, gt, inArray, isNull, notInArray, or } from "drizzle-orm";
import type { OrderStatus } from "../../server/domain/orders/status";
import type { Db } from "../client";
import { divergences, orders, outbox } from "../schema";

/** The worker reconciles every account's orders, so this one read is not scoped to an account. */
export function orderRowById(db: Db, orderId: number) {
  return db.select().from(orders).where(eq(orders.id, orderId)).get() ?? null;
}

/** Every update of an order, in the shape divergence detection compares. */
export function updatesForDetection(db: Db, orderId: number) {
  return db
    .select({ kind: outbox.kind, state: outbox.state, attempts: outbox.attempts, lastError: outbox.lastError })
    .from(outbox)
    .where(eq(outbox.orderId, orderId))
    .all();
}

/**
 * Ids of the orders not handled manually that are not in a `finished` status, or changed after `changedSince`, or
 * have an open divergence.
 */
export function reconcileCandidates(
  db: Db,
  filter: { finished: readonly OrderStatus[]; changedSince: Date },
): number[] {
  const divergent = db.select({ id: divergences.orderId }).from(divergences).where(isNull(divergences.resolvedAt));
  return db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        isNull(orders.handledManuallyAt),
        or(
          notInArray(orders.status, [...filter.finished]),
          gt(orders.updatedAt, filter.changedSince),
          inArray(orders.id, divergent),
        ),
      ),
    )
    .all()
    .map((r) => r.id);
}
