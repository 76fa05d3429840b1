// Which order changes put an order in its account's ERP queue (issue 18): the events of SkyHub's order queue
// (skyhub-english.gitbook.io "Queues - Order Integration Queue"; DEV /pedidos/consumo-de-pedidos-queues). For every
// seller: a new order, its payment approved, its cancellation. Shipped and delivered only where the marketplace runs
// the logistics (B2W Entrega there; Mercado Envios, Magalu Entregas… here), since only then did the ERP not make them.
// The ERP's own invoice, shipment, delivery and delivery problem never come back through the queue.
import type { Db } from "../../../db/client";
import { enqueueErpOrder } from "../../../db/queries/erp-queue";
import { SKYHUB_STATUS } from "../channels/skyhub-statuses";
import type { OrderStatus } from "../orders/status";

export interface OrderChange {
  /** Null for an order that has just arrived from its marketplace. */
  from: OrderStatus | null;
  to: OrderStatus;
  /** The marketplace (its own updates, or support taking its state) or the hub (seller, ERP, support). */
  by: "marketplace" | "hub";
}

const FOR_EVERY_SELLER = new Set(["book_product", "payment_received", "order_canceled"]);
const MARKETPLACE_LOGISTICS = new Set(["order_shipped", "complete"]);

export function entersErpQueue(change: OrderChange): boolean {
  if (change.from === null) return true;
  // The ERP sees SkyHub's statuses: a move it cannot see there (approved ↔ out of stock) is no event.
  const before = SKYHUB_STATUS[change.from].code;
  const after = SKYHUB_STATUS[change.to].code;
  if (before === after) return false;
  return FOR_EVERY_SELLER.has(after) || (change.by === "marketplace" && MARKETPLACE_LOGISTICS.has(after));
}

/** Called inside the transaction that writes the change, so the queue never misses or invents one. */
export function queueForErp(db: Db, order: { accountId: number; orderId: number }, change: OrderChange): void {
  if (entersErpQueue(change)) enqueueErpOrder(db, order.accountId, order.orderId);
}
