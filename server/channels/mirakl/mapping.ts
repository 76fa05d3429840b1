// Mirakl's order JSON (OR11/OR12, MMP seller API) as the hub's MarketplaceOrder. Money comes in reais with decimals,
// dates as ISO instants. What Carrefour's instance puts where Mirakl's model has no Brazilian field (CPF, number,
// district) is an assumption listed in docs/CHANNELS.md, Carrefour.
import type { LogisticsModeId } from "../../domain/channels/channels";
import type { OrderStatus } from "../../domain/orders/status";
import type { MarketplaceOrder } from "../adapter";
import { cents, instant, type Json, list, object, text } from "../json-fields";

/** STAGING is the operator's own check: the order is not the shop's yet, and is read again once it moves on. */
const STATUS_BY_STATE: Record<string, OrderStatus> = {
  WAITING_ACCEPTANCE: "AWAITING_ACCEPTANCE",
  WAITING_DEBIT: "NEW",
  WAITING_DEBIT_PAYMENT: "NEW",
  SHIPPING: "APPROVED",
  SHIPPED: "SHIPPED",
  TO_COLLECT: "SHIPPED",
  RECEIVED: "DELIVERED",
  CLOSED: "DELIVERED",
  REFUSED: "CANCELED",
  CANCELED: "CANCELED",
};

/** A custom field's value by code (OR31 writes them; the operator may send a one-value list). */
function additionalField(order: Json, code: string): string | null {
  const field = list(order.order_additional_fields).find((f) => text(f.code) === code);
  if (!field) return null;
  return Array.isArray(field.value) ? text(field.value[0]) : text(field.value);
}

/** The order's lines as OR21 names them, for the acceptance decision. */
export function miraklLineIds(order: Json): string[] {
  return list(order.order_lines)
    .map((line) => text(line.order_line_id))
    .filter((id): id is string => id !== null);
}

function logisticsMode(order: Json): LogisticsModeId {
  const how = `${text(order.shipping_type_code) ?? ""} ${text(order.shipping_type_label) ?? ""}`.toLowerCase();
  return /correios|sedex|\bpac\b/.test(how) ? "correios" : "own_carrier";
}

/** "Rua das Flores, 120" → street and number; no number after a comma is "S/N". */
function streetAndNumber(street: string): { street: string; number: string } {
  const match = /^(.*?),\s*(\d+[A-Za-z]?|S\/?N)\s*$/i.exec(street);
  return match ? { street: (match[1] as string).trim(), number: match[2] as string } : { street, number: "S/N" };
}

/** Brazilian operators carry the buyer's CPF/CNPJ as a custom field; its code is not published (any code naming it). */
function buyerDocument(order: Json): string {
  const field = [...list(order.order_additional_fields), ...list(object(order.customer).additional_fields)].find((f) =>
    /cpf|cnpj|document/i.test(text(f.code) ?? ""),
  );
  const value = field ? (Array.isArray(field.value) ? text(field.value[0]) : text(field.value)) : null;
  return (value ?? "").replace(/[^0-9A-Za-z]/g, "");
}

/** What the order carries of the NF-e, given the connection's custom-field code for its key. */
interface NfeSeen {
  keyField: string;
  /** Keys the instance shows as uploaded documents (documents mode; read with OR72). */
  documentKeys?: readonly string[];
}

function miraklStatus(order: Json): OrderStatus | null {
  const state = text(order.order_state);
  return state ? (STATUS_BY_STATE[state] ?? null) : null;
}

/** The hub's view of a Mirakl order, or null for a state the shop does not handle yet (STAGING) or an unknown one. */
export function toMarketplaceOrder(raw: unknown, nfe: NfeSeen): MarketplaceOrder | null {
  const order = object(raw);
  const mapped = miraklStatus(order);
  const code = text(order.order_id);
  if (!mapped || !code) return null;
  const customer = object(order.customer);
  const address = object(customer.shipping_address);
  const key = additionalField(order, nfe.keyField) ?? nfe.documentKeys?.[0] ?? null;
  // Mirakl has no invoiced state: SHIPPING with the NF-e in is the hub's INVOICED. An open incident is a delivery problem.
  const status: OrderStatus =
    mapped === "APPROVED" && key
      ? "INVOICED"
      : mapped === "SHIPPED" && order.has_incident === true
        ? "SHIPMENT_EXCEPTION"
        : mapped;
  const tracking = text(order.shipping_tracking);
  const updatedAt = Date.parse(text(order.last_updated_date) ?? "");
  const { street, number } = streetAndNumber(text(address.street_1) ?? "");
  return {
    code,
    channel: "carrefour",
    status,
    logisticsMode: logisticsMode(order),
    placedAt: instant(order.created_date) ?? "",
    approvedAt: instant(order.customer_debited_date),
    customer: {
      name: [text(customer.firstname), text(customer.lastname)].filter(Boolean).join(" "),
      document: buyerDocument(order),
      email: text(order.customer_notification_email),
      phone: text(address.phone) ?? text(object(customer.billing_address).phone),
    },
    address: {
      street,
      number,
      complement: text(address.additional_info),
      district: text(address.street_2) ?? "",
      city: text(address.city) ?? "",
      state: (text(address.state) ?? "").toUpperCase(),
      zip: (text(address.zip_code) ?? "").replace(/\D/g, ""),
    },
    items: list(order.order_lines).map((line) => ({
      sku: text(line.offer_sku) ?? "",
      name: text(line.product_title) ?? "",
      quantity: Number(line.quantity),
      unitPriceCents: cents(line.price_unit),
    })),
    shippingCents: cents(order.shipping_price ?? 0),
    totalCents: cents(order.total_price),
    invoice: key ? { accessKey: key } : null,
    shipment: tracking
      ? {
          carrier: text(order.shipping_company) ?? text(order.shipping_carrier_code) ?? "",
          trackingCode: tracking,
          method: text(order.shipping_type_label) ?? "",
        }
      : null,
    // Mirakl cancels at once or refuses (OR29): there is no pending request.
    cancellationRequested: false,
    // The operator's shipping deadline for the shop: the order's ship-by date where the instance fills it.
    shipBy: instant(order.shipping_deadline),
    seq: Number.isNaN(updatedAt) ? 0 : updatedAt,
  };
}
