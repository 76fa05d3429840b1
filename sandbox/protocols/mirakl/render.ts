// The sandbox's Carrefour orders as Mirakl's OR11 order JSON (MMP seller API): order_state, lines, the customer's
// addresses, custom fields. Brazilian details where Mirakl has no field (CPF, NF-e) go in custom fields whose codes
// this stand-in invents, as an operator would define its own (docs/CHANNELS.md, Carrefour).
import type { MarketplaceOrder, OrderStatus } from "../../types";
import type { Tracking } from "./tables";

/** The custom-field codes this sandbox instance defines (an operator's choice; Carrefour's are not published). */
export const SANDBOX_FIELDS = {
  nfeKey: "nfe-key",
  nfeNumber: "nfe-number",
  nfeSeries: "nfe-series",
  customerDocument: "customer-cpf-cnpj",
} as const;
export const SANDBOX_NFE_DOCUMENT_TYPE = "nfe-xml";

const STATE: Record<OrderStatus, string> = {
  AWAITING_ACCEPTANCE: "WAITING_ACCEPTANCE",
  NEW: "WAITING_DEBIT_PAYMENT",
  // Mirakl has no expired bank slip: the debit is still awaited until the operator cancels.
  PAYMENT_OVERDUE: "WAITING_DEBIT_PAYMENT",
  APPROVED: "SHIPPING",
  // No out-of-stock state either: the order still waits to be shipped.
  OUT_OF_STOCK: "SHIPPING",
  INVOICED: "SHIPPING",
  SHIPPED: "SHIPPED",
  SHIPMENT_EXCEPTION: "SHIPPED",
  DELIVERED: "RECEIVED",
  CANCELED: "CANCELED",
};

const reais = (cents: number) => Math.round(cents) / 100;

export function miraklState(order: MarketplaceOrder): string {
  if (order.status === "CANCELED" && order.cancelReason?.startsWith("Recusado")) return "REFUSED";
  return STATE[order.status];
}

/** Whether the shop may still cancel (OR29): before the shipment, once the order is the shop's to ship. */
export function canCancel(order: MarketplaceOrder): boolean {
  return ["APPROVED", "OUT_OF_STOCK", "INVOICED"].includes(order.status) && !order.cancellationRequested;
}

function address(order: MarketplaceOrder, first: string, last: string) {
  const a = order.address;
  return {
    firstname: first,
    lastname: last,
    street_1: `${a.street}, ${a.number}`,
    street_2: a.district,
    additional_info: a.complement,
    city: a.city,
    state: a.state,
    zip_code: a.zip,
    country: "Brasil",
    country_iso_code: "BRA",
    phone: order.customer.phone,
  };
}

export function renderOrder(order: MarketplaceOrder, tracking: Tracking | null): Record<string, unknown> {
  const [first = "", ...rest] = order.customer.name.split(" ");
  const last = rest.join(" ");
  const state = miraklState(order);
  const fields: { code: string; type: string; value: string }[] = [
    { code: SANDBOX_FIELDS.customerDocument, type: "STRING", value: order.customer.document },
  ];
  if (order.invoice) {
    const key = order.invoice.accessKey;
    fields.push(
      { code: SANDBOX_FIELDS.nfeKey, type: "STRING", value: key },
      { code: SANDBOX_FIELDS.nfeNumber, type: "STRING", value: String(Number(key.slice(25, 34))) },
      { code: SANDBOX_FIELDS.nfeSeries, type: "STRING", value: String(Number(key.slice(22, 25))) },
    );
  }
  const shipment = order.shipment;
  return {
    order_id: order.code,
    commercial_id: order.code.replace(/-[A-Z]$/, ""),
    order_state: state,
    created_date: order.placedAt,
    last_updated_date: order.updatedAt,
    customer_debited_date: order.approvedAt,
    // When the shop decided, not a deadline: the sandbox keeps no such instant, as an auto-decided order has none.
    acceptance_decision_date: null,
    can_cancel: canCancel(order),
    has_incident: order.status === "SHIPMENT_EXCEPTION",
    currency_iso_code: "BRL",
    customer_notification_email: order.customer.email,
    customer: {
      customer_id: order.customer.document,
      firstname: first,
      lastname: last,
      billing_address: address(order, first, last),
      shipping_address: address(order, first, last),
    },
    order_lines: order.items.map((item, i) => ({
      order_line_id: `${order.code}-${i + 1}`,
      order_line_index: i + 1,
      order_line_state: state,
      offer_sku: item.sku,
      product_title: item.name,
      quantity: item.quantity,
      price_unit: reais(item.unitPriceCents),
      price: reais(item.unitPriceCents * item.quantity),
    })),
    price: reais(order.totalCents - order.shippingCents),
    shipping_price: reais(order.shippingCents),
    total_price: reais(order.totalCents),
    shipping_type_code: order.logisticsMode === "correios" ? "CORREIOS" : "TRANSPORTADORA",
    shipping_type_label: order.logisticsMode === "correios" ? "Correios" : "Transportadora",
    shipping_company: shipment?.carrier ?? tracking?.carrier_name ?? null,
    shipping_tracking: shipment?.trackingCode ?? tracking?.tracking_number ?? null,
    shipping_tracking_url: shipment?.url ?? tracking?.carrier_url ?? null,
    has_invoice: order.invoice !== null,
    order_additional_fields: fields,
  };
}
