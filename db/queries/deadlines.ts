import { and, eq } from "drizzle-orm";
import type { DeadlineKind } from "../../server/domain/orders/deadlines";
import type { Db } from "../client";
import { orders } from "../schema";

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
