// SkyHub's order queue: an order goes in when the marketplace creates, approves or cancels it, and, for B2W Entrega
// modes only, when the marketplace ships and delivers it (gitbook "Queues - Order Integration Queue"). Whoever
// changed the order (generator, admin, /v1), the queue learns it here, from the orders changed since it last looked.
import { marketplaceReportsDelivery } from "../../../server/domain/channels/rules";
import type { SandboxStore } from "../../store";
import type { MarketplaceOrder } from "../../types";

const SCANNED = "skyhub_scanned_seq";
const BATCH = 500;

function queuedEvent(order: MarketplaceOrder): boolean {
  if (order.status === "NEW" || order.status === "APPROVED" || order.status === "CANCELED") return true;
  return (
    (order.status === "SHIPPED" || order.status === "DELIVERED") &&
    marketplaceReportsDelivery(order.channel, order.logisticsMode)
  );
}

/** Queues the Americanas orders whose status changed into a queued event since the last look. */
export function collectEvents(store: SandboxStore, now: number): void {
  store.transaction(() => {
    let since = store.metaValue(SCANNED);
    for (;;) {
      const changed = store.channelOrdersSince("americanas", since, BATCH);
      for (const order of changed) {
        if (store.seenStatus(order.code) === order.status) continue;
        store.setSeenStatus(order.code, order.status);
        if (queuedEvent(order)) store.enqueue(order.sellerCnpj, order.code, order.seq, now);
      }
      since = changed.at(-1)?.seq ?? since;
      if (changed.length < BATCH) break;
    }
    store.setMeta(SCANNED, since);
  });
}
