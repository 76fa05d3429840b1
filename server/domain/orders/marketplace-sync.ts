import type { ChannelId, LogisticsModeId } from "../channels/channels";
import { marketplaceReportsDelivery, marketplaceShips, marketplaceStatusFor } from "../channels/rules";
import type { OrderStatus } from "./status";
import { type MarketplaceAction, TRANSITIONS } from "./transitions";

// How far along the flow a status is, to tell "the marketplace is behind the hub" (an update on its way)
// from "the marketplace moved ahead in a way the flow does not allow".
const PROGRESS: Record<OrderStatus, number> = {
  AWAITING_ACCEPTANCE: -1,
  NEW: 0,
  PAYMENT_OVERDUE: 1,
  APPROVED: 1,
  OUT_OF_STOCK: 2,
  INVOICED: 3,
  SHIPPED: 4,
  SHIPMENT_EXCEPTION: 5,
  DELIVERED: 6,
  CANCELED: 7,
};

export type SyncDecision =
  | { kind: "none" }
  | { kind: "apply"; action: MarketplaceAction }
  /** The marketplace is behind the hub: the hub's own update has not reached it yet. */
  | { kind: "behind" }
  /** A move the flow does not allow: record it, do not apply it. */
  | { kind: "unexpected" };

/**
 * What to do with the marketplace's status. Shipping and delivery are the marketplace's own moves only in its
 * logistics modes (SPEC §4); elsewhere they were made by hand in its panel and are not applied.
 */
export function decideMarketplaceSync(
  hub: OrderStatus,
  marketplace: OrderStatus,
  order?: { channel: ChannelId; logisticsMode: LogisticsModeId },
): SyncDecision {
  if (hub === marketplace) return { kind: "none" };
  // A state the channel never hears of (out of stock where its API has no such call) is agreement, not news.
  if (order && marketplaceStatusFor(order.channel, hub) === marketplace) return { kind: "none" };
  const transition = TRANSITIONS.find((t) => t.by === "marketplace" && t.from === hub && t.to === marketplace);
  const ownMove =
    !transition ||
    !order ||
    (transition.action !== "ship" && transition.action !== "markDelivered") ||
    marketplaceReportsDelivery(order.channel, order.logisticsMode) ||
    (transition.action === "ship" && marketplaceShips(order.channel, order.logisticsMode));
  if (transition && ownMove) return { kind: "apply", action: transition.action as MarketplaceAction };
  if (transition) return { kind: "unexpected" };
  return PROGRESS[marketplace] < PROGRESS[hub] ? { kind: "behind" } : { kind: "unexpected" };
}
