// Mercado Livre's order, shipment and billing info → the hub's MarketplaceOrder (docs/CHANNELS.md, "Mercado Livre").
import type { LogisticsModeId } from "../../domain/channels/channels";
import type { OrderStatus } from "../../domain/orders/status";
import type { MarketplaceOrder } from "../adapter";

export type MlObject = Record<string, unknown>;

const obj = (value: unknown): MlObject => (value && typeof value === "object" ? (value as MlObject) : {});
const str = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
const cents = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? Math.round(value * 100) : 0);

const UNPAID = ["confirmed", "payment_required", "payment_in_process", "partially_paid"];
const DELIVERY_EXCEPTIONS = ["receiver_absent", "bad_address", "dangerous_area", "unauthorized_receiver"];

/**
 * ME2 drop-off and Places → "me2"; Coleta (cross_docking, xd_same_day) → "mercado_envios_coleta"; ME1, custom and
 * "not_specified" (delivery agreed with the buyer) → "own_carrier". Flex and Full are ML-delivered like ME2 (mode
 * me2), so they count as "me2".
 */
function logisticsModeOf(shipment: MlObject): LogisticsModeId {
  if (str(shipment.mode) !== "me2") return "own_carrier";
  const type = str(shipment.logistic_type);
  if (type === "cross_docking" || type === "xd_same_day") return "mercado_envios_coleta";
  return "me2";
}

export function isMarketplaceShipping(shipment: MlObject): boolean {
  return logisticsModeOf(shipment) !== "own_carrier";
}

function statusOf(order: MlObject, shipment: MlObject, invoiced: boolean): OrderStatus {
  const status = str(order.status);
  if (status === "cancelled" || status === "invalid") return "CANCELED";
  if (status && UNPAID.includes(status)) return "NEW";
  const shipping = str(shipment.status);
  const sub = str(shipment.substatus);
  if (shipping === "cancelled") return "CANCELED";
  if (shipping === "delivered") return "DELIVERED";
  if (shipping === "not_delivered") return "SHIPMENT_EXCEPTION";
  if (shipping === "shipped") return sub && DELIVERY_EXCEPTIONS.includes(sub) ? "SHIPMENT_EXCEPTION" : "SHIPPED";
  return invoiced ? "INVOICED" : "APPROVED";
}

function customerOf(billing: MlObject, order: MlObject): MarketplaceOrder["customer"] {
  const info = obj(obj(billing.buyer).billing_info);
  const identification = obj(info.identification);
  const buyer = obj(order.buyer);
  const name = [str(info.name), str(info.last_name)].filter(Boolean).join(" ");
  return {
    name: name || str(buyer.nickname) || "Comprador do Mercado Livre",
    document: (str(identification.number) ?? "").replace(/\D/g, ""),
    email: null,
    phone: null,
  };
}

/** The delivery address; an order with no shipment (delivery agreed with the buyer) has only the billing one. */
function addressOf(shipment: MlObject, billing: MlObject): MarketplaceOrder["address"] {
  const delivery = obj(obj(shipment.destination).shipping_address);
  if (Object.keys(delivery).length > 0) {
    return {
      street: str(delivery.street_name) ?? "",
      number: str(delivery.street_number) ?? "S/N",
      complement: str(delivery.comment),
      district: str(obj(delivery.neighborhood).name) ?? "",
      city: str(obj(delivery.city).name) ?? "",
      // ML writes states as "BR-SP".
      state: (str(obj(delivery.state).id) ?? "").replace(/^BR-/, ""),
      zip: (str(delivery.zip_code) ?? "").replace(/\D/g, ""),
    };
  }
  const address = obj(obj(obj(billing.buyer).billing_info).address);
  return {
    street: str(address.street_name) ?? "",
    number: str(address.street_number) ?? "S/N",
    complement: str(address.comment),
    district: str(address.neighborhood) ?? "",
    city: str(address.city_name) ?? "",
    state: str(obj(address.state).code) ?? "",
    zip: (str(address.zip_code) ?? "").replace(/\D/g, ""),
  };
}

export interface MlParts {
  order: MlObject;
  shipment: MlObject;
  billing: MlObject;
  /** The imported NF-e of the shipment, or null when none is there yet. */
  invoice: MlObject | null;
}

export function toMarketplaceOrder({ order, shipment, billing, invoice }: MlParts): MarketplaceOrder {
  const items = (Array.isArray(order.order_items) ? order.order_items : []).map((raw) => {
    const line = obj(raw);
    const item = obj(line.item);
    return {
      sku: str(item.seller_sku) ?? str(item.id) ?? "",
      name: str(item.title) ?? "",
      quantity: Number(line.quantity) || 1,
      unitPriceCents: cents(line.unit_price),
    };
  });
  const itemsCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const shippingCents = cents(order.shipping_cost);
  const accessKey = invoice ? str(invoice.fiscal_key) : null;
  const status = statusOf(order, shipment, accessKey !== null);
  const tracking = str(shipment.tracking_number);
  const paid = !UNPAID.includes(str(order.status) ?? "");
  return {
    code: str(order.id) ?? "",
    channel: "mercado_livre",
    status,
    logisticsMode: logisticsModeOf(shipment),
    placedAt: str(order.date_created) ?? "",
    approvedAt: paid ? (str(order.date_closed) ?? str(order.date_created)) : null,
    customer: customerOf(billing, order),
    address: addressOf(shipment, billing),
    items,
    shippingCents,
    totalCents: itemsCents + shippingCents,
    // Until the label is released the shipment stays in invoice_pending: the invoice is taken, not yet confirmed.
    invoice: accessKey ? { accessKey, awaitingValidation: str(shipment.substatus) === "invoice_pending" } : null,
    shipment:
      tracking && ["SHIPPED", "SHIPMENT_EXCEPTION", "DELIVERED"].includes(status)
        ? {
            carrier: isMarketplaceShipping(shipment) ? "mercado-envios" : "other",
            trackingCode: tracking,
            method: str(shipment.tracking_method) ?? "Mercado Envios",
          }
        : null,
    cancellationRequested: str(order.status) === "pending_cancel",
    seq: Date.parse(str(order.last_updated) ?? str(order.date_last_updated) ?? "") || 0,
  };
}
