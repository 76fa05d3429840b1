// Magalu's order and its delivery → the hub's MarketplaceOrder (docs/CHANNELS.md, "Magalu").
import type { LogisticsModeId } from "../../domain/channels/channels";
import type { OrderStatus } from "../../domain/orders/status";
import { CARRIERS } from "../../domain/shipping/carriers";
import type { MarketplaceOrder } from "../adapter";

export type MagaluObject = Record<string, unknown>;

export const obj = (value: unknown): MagaluObject =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as MagaluObject) : {};
export const str = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
const list = (value: unknown): MagaluObject[] => (Array.isArray(value) ? value.map(obj) : []);

/** Magalu writes money as an integer and the divisor that makes it reais: { value: 19990, normalizer: 100 }. */
function cents(value: unknown): number {
  const money = obj(value);
  const amount = Number(money.value);
  const normalizer = Number(money.normalizer ?? 100) || 100;
  return Number.isFinite(amount) ? Math.round((amount * 100) / normalizer) : 0;
}

function logisticsModeOf(delivery: MagaluObject): LogisticsModeId {
  const logistics = obj(delivery.logistics);
  if (str(logistics.mode) === "magalu_entregas") return "magalu_entregas";
  return /correios/i.test(str(logistics.provider) ?? "") ? "correios" : "own_carrier";
}

/** The invoice Magalu holds: the newest one not found invalid (an invalid one is as good as none). */
function currentInvoice(delivery: MagaluObject): MagaluObject | null {
  return (
    list(delivery.invoices)
      .filter((invoice) => str(invoice.status) !== "invalid")
      .at(-1) ?? null
  );
}

export function invalidInvoice(delivery: MagaluObject, key: string): MagaluObject | null {
  return list(delivery.invoices).find((i) => str(i.key) === key && str(i.status) === "invalid") ?? null;
}

function statusOf(order: MagaluObject, delivery: MagaluObject, invoiced: boolean): OrderStatus {
  if (str(order.status) === "cancelled") return "CANCELED";
  if (str(order.status) === "new") return "NEW";
  switch (str(delivery.status)) {
    case "cancelled":
      return "CANCELED";
    case "new":
      return "NEW";
    case "delivered":
      return "DELIVERED";
    case "shipped":
      return "SHIPPED";
    case "invoiced":
      return "INVOICED";
    default:
      // approved, and frozen (meaning undocumented): an invoice awaiting validation already makes it invoiced here.
      return invoiced ? "INVOICED" : "APPROVED";
  }
}

function shipmentOf(delivery: MagaluObject): MarketplaceOrder["shipment"] {
  const shipping = list(delivery.shippings).at(-1);
  const code = shipping ? str(shipping.protocol) : null;
  if (!shipping || !code) return null;
  const name = str(obj(shipping.carrier).name) ?? "";
  const carrier = CARRIERS.find((c) => c.label.toLowerCase() === name.toLowerCase())?.id ?? "other";
  return { carrier, trackingCode: code, method: name || "Magalu" };
}

export function toMarketplaceOrder(order: MagaluObject, delivery: MagaluObject): MarketplaceOrder {
  const items = list(delivery.items).map((line) => {
    const sku = obj(line.sku);
    return {
      sku: str(sku.code) ?? "",
      name: str(sku.name) ?? "",
      quantity: Number(line.quantity) || 1,
      unitPriceCents: cents(line.unit_price),
    };
  });
  const customer = obj(order.customer);
  const address = obj(obj(delivery.shipping).address);
  const invoice = currentInvoice(delivery);
  const accessKey = invoice ? str(invoice.key) : null;
  const status = statusOf(order, delivery, accessKey !== null);
  const amounts = obj(order.amounts);
  const updated = Math.max(
    Date.parse(str(order.updated_at) ?? "") || 0,
    Date.parse(str(delivery.updated_at) ?? "") || 0,
  );
  return {
    code: str(order.code) ?? "",
    channel: "magalu",
    status,
    logisticsMode: logisticsModeOf(delivery),
    placedAt: str(order.created_at) ?? "",
    approvedAt: str(order.approved_at),
    customer: {
      name: str(customer.name) ?? "Cliente Magalu",
      document: (str(customer.document_number) ?? "").replace(/\D/g, ""),
      email: str(customer.email),
      phone: str(customer.phone),
    },
    address: {
      street: str(address.street) ?? "",
      number: str(address.number) ?? "S/N",
      complement: str(address.complement),
      district: str(address.district) ?? "",
      city: str(address.city) ?? "",
      state: str(address.state) ?? "",
      zip: (str(address.zipcode) ?? "").replace(/\D/g, ""),
    },
    items,
    shippingCents: cents(amounts.freight),
    totalCents: cents(amounts.total),
    invoice: accessKey ? { accessKey, awaitingValidation: str(invoice?.status) === "awaiting_validation" } : null,
    shipment: ["SHIPPED", "DELIVERED"].includes(status) ? shipmentOf(delivery) : null,
    cancellationRequested: false,
    seq: updated,
  };
}
