// No marketplace takes an idempotency key (channels/README), so an update whose answer was lost cannot simply be
// sent again: the worker reads the order back first and asks here whether the marketplace already has it.
import type { OrderStatus } from "../orders/status";

/** The marketplace's side of an order, as far as telling an applied update goes. */
export type MarketplaceFacts = {
  status: OrderStatus;
  invoice: { accessKey: string; awaitingValidation?: boolean } | null;
  shipment: { trackingCode: string } | null;
  cancellationRequested?: boolean;
};

/** applied: nothing to send; awaiting: taken, confirmation pending; not_applied: send it (again). */
export type AppliedState = "applied" | "awaiting" | "not_applied";

const text = (value: unknown) => (typeof value === "string" ? value : null);

export function updateStateOn(kind: string, payload: Record<string, unknown>, order: MarketplaceFacts): AppliedState {
  switch (kind) {
    case "invoice": {
      if (!order.invoice || order.invoice.accessKey !== text(payload.accessKey)) return "not_applied";
      if (order.invoice.awaitingValidation) return "awaiting";
      // An invoice that travels with the shipment is applied only once the shipment is there too.
      const shipment = payload.shipment as { trackingCode?: unknown } | undefined;
      if (shipment && order.shipment?.trackingCode !== text(shipment.trackingCode)) return "not_applied";
      return "applied";
    }
    case "shipment":
      return order.shipment?.trackingCode === text(payload.trackingCode) &&
        ["SHIPPED", "DELIVERED", "SHIPMENT_EXCEPTION"].includes(order.status)
        ? "applied"
        : "not_applied";
    case "delivered":
      return order.status === "DELIVERED" ? "applied" : "not_applied";
    case "delivery_problem":
      return order.status === "SHIPMENT_EXCEPTION" ? "applied" : "not_applied";
    case "cancel":
      return order.status === "CANCELED" || order.cancellationRequested ? "applied" : "not_applied";
    case "accept":
      return order.status !== "AWAITING_ACCEPTANCE" && order.status !== "CANCELED" ? "applied" : "not_applied";
    case "refuse":
      return order.status === "CANCELED" ? "applied" : "not_applied";
    default:
      return "not_applied";
  }
}
