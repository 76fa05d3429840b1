// The sandbox's orders drawn as Magalu's resources: the order (what was bought, the payment) and its one delivery
// (where the seller acts). Money is an integer with its normalizer, as Magalu writes it.
import type { MarketplaceOrder } from "../../types";
import { MAGALU_CHANNEL_ID } from "./config";
import { deliveryIdOf, orderIdOf } from "./ids";

const money = (cents: number) => ({ value: cents, normalizer: 100, currency: "BRL" });
const channel = { id: MAGALU_CHANNEL_ID, name: "Magazine Luiza" };

function orderStatus(order: MarketplaceOrder): string {
  switch (order.status) {
    case "NEW":
    case "PAYMENT_OVERDUE":
      return "new";
    case "CANCELED":
      return "cancelled";
    case "DELIVERED":
      return "finished";
    default:
      return "approved";
  }
}

/** The hub-local states (out of stock, delivery problem) have no Magalu status: Magalu shows where the order was. */
function deliveryStatus(order: MarketplaceOrder): string {
  switch (order.status) {
    // Only channels that require acceptance have it; Magalu never does.
    case "AWAITING_ACCEPTANCE":
    case "NEW":
    case "PAYMENT_OVERDUE":
      return "new";
    case "APPROVED":
    case "OUT_OF_STOCK":
      return "approved";
    case "INVOICED":
      // Only a validated invoice makes the delivery invoiced.
      return order.invoiceValidation === "awaiting_validation" ? "approved" : "invoiced";
    case "SHIPPED":
    case "SHIPMENT_EXCEPTION":
      return "shipped";
    case "DELIVERED":
      return "delivered";
    case "CANCELED":
      return "cancelled";
  }
}

function deliverySummary(order: MarketplaceOrder) {
  return { id: deliveryIdOf(order.code), code: `${order.code}-01`, status: deliveryStatus(order) };
}

export function renderOrder(order: MarketplaceOrder) {
  const itemsCents = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  return {
    id: orderIdOf(order.code),
    code: order.code,
    channel,
    status: orderStatus(order),
    customer: {
      name: order.customer.name,
      document_number: order.customer.document,
      customer_type: order.customer.document.length === 14 ? "cnpj" : "cpf",
      email: order.customer.email,
      phone: order.customer.phone,
    },
    amounts: { items: money(itemsCents), freight: money(order.shippingCents), total: money(order.totalCents) },
    created_at: order.placedAt,
    approved_at: order.approvedAt,
    updated_at: order.updatedAt,
    deliveries: [deliverySummary(order)],
  };
}

function logistics(order: MarketplaceOrder) {
  if (order.logisticsMode === "magalu_entregas") return { mode: "magalu_entregas", provider: "Magalu Entregas" };
  return { mode: "seller", provider: order.logisticsMode === "correios" ? "Correios" : null };
}

export function renderDelivery(order: MarketplaceOrder) {
  const a = order.address;
  const invoice = order.invoice;
  const shipment = order.shipment;
  return {
    ...deliverySummary(order),
    channel,
    order: { id: orderIdOf(order.code), code: order.code },
    items: order.items.map((item) => ({
      sku: { code: item.sku, name: item.name },
      quantity: item.quantity,
      unit_price: money(item.unitPriceCents),
    })),
    amounts: { freight: money(order.shippingCents), total: money(order.totalCents) },
    logistics: logistics(order),
    shipping: {
      recipient: { name: order.customer.name, document_number: order.customer.document, phone: order.customer.phone },
      address: {
        street: a.street,
        number: a.number,
        complement: a.complement,
        district: a.district,
        city: a.city,
        state: a.state,
        zipcode: a.zip,
      },
    },
    invoices: invoice
      ? [
          {
            key: invoice.accessKey,
            issued_at: invoice.issuedAt,
            status: order.invoiceValidation === "awaiting_validation" ? "awaiting_validation" : "valid",
          },
        ]
      : [],
    shippings: shipment
      ? [
          {
            protocol: shipment.trackingCode,
            tracking_url: shipment.url,
            carrier: { name: shipment.method },
            dates: { shipped_at: shipment.handedAt },
          },
        ]
      : [],
    delivered_at: order.deliveredAt,
    created_at: order.placedAt,
    updated_at: order.updatedAt,
  };
}
