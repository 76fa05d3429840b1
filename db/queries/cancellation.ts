import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { orders } from "../schema";

/** Takes "cancelamento solicitado" off an order; returns what the channel rules need, or undefined if not found. */
export function clearCancellationRequest(db: Db, orderId: number, accountId: number, now: Date) {
  return db
    .update(orders)
    .set({ cancellationRequestedAt: null, updatedAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .returning({
      id: orders.id,
      accountId: orders.accountId,
      status: orders.status,
      channel: orders.channel,
      logisticsMode: orders.logisticsMode,
      placedAt: orders.placedAt,
      approvedAt: orders.approvedAt,
      statusChangedAt: orders.statusChangedAt,
      cancellationRequestedAt: orders.cancellationRequestedAt,
    })
    .get();
}
