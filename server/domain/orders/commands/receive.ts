import type { Db } from "../../../../db/client";
import { insertOrderWithItems, type NewItemRow, type NewOrderRow } from "../../../../db/queries/ingest";
import { insertTimelineEntry } from "../../../../db/queries/timeline";
import { CHANNEL_LABELS } from "../../channels/channels";
import { queueForErp } from "../../erp/queue";

/**
 * A new order from its marketplace: the order, its items and its first timeline entry, and its place in the account's
 * ERP queue, in one transaction. Null if it already exists.
 */
export function receiveMarketplaceOrder(
  db: Db,
  arrival: { row: NewOrderRow; items: readonly NewItemRow[]; seq: number },
  now: Date,
): number | null {
  const { row } = arrival;
  return db.transaction(
    () => {
      const orderId = insertOrderWithItems(db, row, arrival.items);
      if (orderId === null) return null;
      insertTimelineEntry(db, {
        orderId,
        accountId: row.accountId,
        at: now,
        actorType: "channel",
        actorUserId: null,
        actorName: CHANNEL_LABELS[row.channel],
        kind: "order.received",
        fromStatus: null,
        toStatus: row.status,
        summary: "Pedido recebido do marketplace",
        data: { seq: arrival.seq },
      });
      queueForErp(db, { accountId: row.accountId, orderId }, { from: null, to: row.status, by: "marketplace" });
      return orderId;
    },
    { behavior: "immediate" },
  );
}
