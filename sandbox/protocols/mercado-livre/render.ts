// The sandbox's orders drawn as Mercado Livre's resources: order, shipment, billing info and imported NF-e.
import type { MarketplaceOrder } from "../../types";
import { billingIdOf, shipmentIdOf, userIdOf } from "./ids";

const money = (cents: number) => cents / 100;

function orderStatus(order: MarketplaceOrder): string {
  if (order.status === "CANCELED") return "cancelled";
  // Mercado Livre has no expired bank slip: an unpaid order waits for payment until it is cancelled.
  if (order.status === "NEW" || order.status === "PAYMENT_OVERDUE") return "payment_required";
  return order.cancellationRequested ? "pending_cancel" : "paid";
}

export function renderOrder(order: MarketplaceOrder, id: number) {
  const itemsCents = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  return {
    id,
    status: orderStatus(order),
    status_detail: null,
    date_created: order.placedAt,
    date_closed: order.approvedAt,
    last_updated: order.updatedAt,
    order_items: order.items.map((item) => ({
      item: { id: `MLB${item.sku.replace(/\W/g, "")}`, title: item.name, seller_sku: item.sku },
      quantity: item.quantity,
      unit_price: money(item.unitPriceCents),
      currency_id: "BRL",
    })),
    total_amount: money(itemsCents),
    paid_amount: order.status === "NEW" || order.status === "PAYMENT_OVERDUE" ? 0 : money(order.totalCents),
    shipping_cost: money(order.shippingCents),
    currency_id: "BRL",
    buyer: {
      id: Number(order.customer.document.slice(0, 9)),
      nickname: order.customer.name.split(" ")[0]?.toUpperCase(),
    },
    seller: { id: userIdOf(order.sellerCnpj) },
    shipping: { id: shipmentIdOf(id) },
    billing_info: { id: String(billingIdOf(id)) },
    pack_id: null,
    tags: [],
    cancel_detail: order.status === "CANCELED" ? { description: order.cancelReason } : null,
  };
}

const ME2_TYPES: Record<string, string> = { me2: "drop_off", mercado_envios_coleta: "cross_docking" };
const DELIVERY_EXCEPTION = "receiver_absent";

function shipmentState(order: MarketplaceOrder, me1: boolean): [string, string | null] {
  switch (order.status) {
    case "AWAITING_ACCEPTANCE":
    case "NEW":
    case "PAYMENT_OVERDUE":
      return ["pending", null];
    case "APPROVED":
    case "OUT_OF_STOCK":
      return me1 ? ["handling", null] : ["ready_to_ship", "invoice_pending"];
    case "INVOICED":
      // The NF-e is in, the label is released at the next generator tick (invoiceValidation, sandbox/rules.ts).
      return [
        "ready_to_ship",
        order.invoiceValidation === "awaiting_validation" ? "invoice_pending" : "ready_to_print",
      ];
    case "SHIPPED":
      return ["shipped", null];
    case "SHIPMENT_EXCEPTION":
      return ["shipped", DELIVERY_EXCEPTION];
    case "DELIVERED":
      return ["delivered", null];
    case "CANCELED":
      return ["cancelled", null];
  }
}

export function renderShipment(order: MarketplaceOrder, orderId: number) {
  const me1 = order.logisticsMode === "own_carrier";
  const [status, substatus] = shipmentState(order, me1);
  const a = order.address;
  return {
    id: shipmentIdOf(orderId),
    order_id: orderId,
    site_id: "MLB",
    mode: me1 ? "me1" : "me2",
    logistic_type: me1 ? null : (ME2_TYPES[order.logisticsMode] ?? "drop_off"),
    status,
    substatus,
    tracking_number: order.shipment?.trackingCode ?? null,
    tracking_method: order.shipment?.method ?? null,
    date_created: order.placedAt,
    last_updated: order.updatedAt,
    destination: {
      receiver_name: order.customer.name,
      shipping_address: {
        street_name: a.street,
        street_number: a.number,
        comment: a.complement,
        neighborhood: { name: a.district },
        city: { name: a.city },
        state: { id: `BR-${a.state}`, name: a.state },
        zip_code: a.zip,
      },
    },
  };
}

export function renderBilling(order: MarketplaceOrder, billingId: number) {
  const [name, ...rest] = order.customer.name.split(" ");
  const a = order.address;
  return {
    id: String(billingId),
    site_id: "MLB",
    buyer: {
      cust_id: Number(order.customer.document.slice(0, 9)),
      billing_info: {
        name,
        last_name: rest.join(" "),
        identification: {
          type: order.customer.document.length === 14 ? "CNPJ" : "CPF",
          number: order.customer.document,
        },
        address: {
          street_name: a.street,
          street_number: a.number,
          comment: a.complement,
          neighborhood: a.district,
          city_name: a.city,
          state: { code: a.state, name: a.state },
          zip_code: a.zip,
          country_id: "BR",
        },
      },
    },
    seller: { cust_id: userIdOf(order.sellerCnpj) },
  };
}

export function renderInvoice(order: MarketplaceOrder, orderId: number) {
  const key = order.invoice?.accessKey ?? "";
  return {
    id: shipmentIdOf(orderId),
    shipment_id: shipmentIdOf(orderId),
    fiscal_key: key,
    invoice_series: key.slice(22, 25),
    invoice_number: key.slice(25, 34),
    issued_date: order.invoice?.issuedAt ?? null,
    site_id: "MLB",
  };
}
