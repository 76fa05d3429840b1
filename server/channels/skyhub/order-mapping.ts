// SkyHub's order JSON (docs: "Consumo de Pedidos - Queues", skyhub.gelato.io "queues Overview") as the hub's
// MarketplaceOrder. Money comes in reais with decimals; dates with their offset.
import type { LogisticsModeId } from "../../domain/channels/channels";
import type { OrderStatus } from "../../domain/orders/status";
import type { MarketplaceOrder } from "../adapter";
import { cents, instant, type Json, list, object, text } from "../json-fields";

// Mapped on status.type, never on status.code: an account may define its own codes for each type.
const STATUS_BY_TYPE: Record<string, OrderStatus> = {
  NEW: "NEW",
  APPROVED: "APPROVED",
  PAYMENT_OVERDUE: "PAYMENT_OVERDUE",
  OVERDUE: "PAYMENT_OVERDUE",
  INVOICED: "INVOICED",
  SHIPPED: "SHIPPED",
  SHIPMENT_EXCEPTION: "SHIPMENT_EXCEPTION",
  DELIVERED: "DELIVERED",
  CANCELED: "CANCELED",
  CANCELLED: "CANCELED",
};

function skyhubStatus(order: Json): OrderStatus | null {
  const type = text(object(order.status).type);
  return type ? (STATUS_BY_TYPE[type.toUpperCase()] ?? null) : null;
}

/**
 * B2W Entrega modes by calculation_type; otherwise the seller ships, by Correios when SkyHub's shipping method or
 * carrier says so and by their own carrier else (docs/CHANNELS.md, Americanas).
 */
export function skyhubLogisticsMode(order: Json): LogisticsModeId {
  const calculation = (text(order.calculation_type) ?? "").toLowerCase();
  if (calculation === "b2wentregadirect") return "b2w_entregas_direct";
  if (calculation.startsWith("b2wentrega")) return "b2w_entregas";
  const how = `${text(order.shipping_method) ?? ""} ${text(order.shipping_carrier) ?? ""}`.toLowerCase();
  return /correios|sedex|\bpac\b/.test(how) ? "correios" : "own_carrier";
}

/** What a shipment needs from the order (SkyHub wants its items by SKU and quantity). */
export function skyhubItems(order: Json): { sku: string; qty: number }[] {
  return list(order.items).map((item) => ({
    sku: text(item.id) ?? text(item.product_id) ?? "",
    qty: Number(item.qty),
  }));
}

/**
 * The hub's view of a SkyHub order, or null when its status type is unknown to the hub (the 2025 OMNIK codes
 * without a documented type, for one).
 */
export function toMarketplaceOrder(raw: unknown): MarketplaceOrder | null {
  const order = object(raw);
  const status = skyhubStatus(order);
  const code = text(order.code);
  if (!status || !code) return null;
  const customer = object(order.customer);
  const address = object(order.shipping_address);
  const invoice = list(order.invoices).at(-1);
  const track = list(list(order.shipments).at(-1)?.tracks).at(-1);
  const updatedAt = Date.parse(text(order.updated_at) ?? "");
  return {
    code,
    channel: "americanas",
    status,
    logisticsMode: skyhubLogisticsMode(order),
    placedAt: instant(order.placed_at) ?? "",
    approvedAt: instant(order.approved_date),
    customer: {
      name: text(customer.name) ?? "",
      document: (text(customer.vat_number) ?? "").replace(/[^0-9A-Za-z]/g, ""),
      email: text(customer.email),
      phone: phone(customer),
    },
    address: {
      street: text(address.street) ?? "",
      number: text(address.number) ?? "S/N",
      complement: text(address.complement) ?? text(address.detail),
      district: text(address.neighborhood) ?? "",
      city: text(address.city) ?? "",
      state: (text(address.region) ?? "").toUpperCase(),
      zip: (text(address.postcode) ?? "").replace(/\D/g, ""),
    },
    items: list(order.items).map((item) => ({
      sku: text(item.id) ?? text(item.product_id) ?? "",
      name: text(item.name) ?? "",
      quantity: Number(item.qty),
      unitPriceCents: cents(item.special_price ?? item.original_price),
    })),
    shippingCents: cents(order.shipping_cost ?? 0),
    totalCents: cents(order.total_ordered),
    invoice: invoice && text(invoice.key) ? { accessKey: text(invoice.key) as string } : null,
    shipment:
      track && text(track.code)
        ? {
            carrier: text(track.carrier) ?? "",
            trackingCode: text(track.code) as string,
            method: text(track.method) ?? "",
          }
        : null,
    // SkyHub has no "cancellation requested" state: a seller's cancel is answered at once, or refused.
    cancellationRequested: false,
    // Every change moves updated_at: its epoch is the monotonic counter the hub records with each change.
    seq: Number.isNaN(updatedAt) ? 0 : updatedAt,
  };
}

function phone(customer: Json): string | null {
  const phones = customer.phones;
  if (!Array.isArray(phones)) return null;
  return phones.map((p) => text(p)).find((p) => p !== null) ?? null;
}
