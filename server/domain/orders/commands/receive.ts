import type { Db } from "../../../../db/client";
import { insertMarketplaceOrder } from "../../../../db/queries/ingest";
import { queueForErp } from "../../erp/queue";

type Arrival = Parameters<typeof insertMarketplaceOrder>;

/**
 * A new order from its marketplace: the order, its items and its first timeline entry, and its place in the account's
 * ERP queue, in one transaction. Null if it already exists.
 */
export function receiveMarketplaceOrder(
  db: Db,
  accountId: number,
  order: Arrival[2],
  deadline: Arrival[3],
  now: Date,
): number | null {
  return db.transaction(
    () => {
      const orderId = insertMarketplaceOrder(db, accountId, order, deadline, now);
      if (orderId !== null)
        queueForErp(db, { accountId, orderId }, { from: null, to: order.status, by: "marketplace" });
      return orderId;
    },
    { behavior: "immediate" },
  );
}
