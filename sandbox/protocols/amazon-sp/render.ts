// A sandbox order as SP-API's Orders API v2026-01-01 returns it (models/orders-api-model/orders_2026-01-01.json),
// with every includedData set: Brazil's address in extendedFields, the buyer's CPF/CNPJ in tax, the NF-e's state
// in tax.taxInvoicing, the seller's package with its status.
import type { MarketplaceOrder, OrderStatus } from "../../types";

export const MARKETPLACE_ID = "A2Q3Y263D00KWC";

const FULFILLMENT: Record<OrderStatus, string> = {
  // Only channels that require acceptance have it; Amazon never does.
  AWAITING_ACCEPTANCE: "PENDING",
  NEW: "PENDING",
  PAYMENT_OVERDUE: "PENDING",
  APPROVED: "UNSHIPPED",
  OUT_OF_STOCK: "UNSHIPPED",
  INVOICED: "UNSHIPPED",
  SHIPPED: "SHIPPED",
  SHIPMENT_EXCEPTION: "SHIPPED",
  DELIVERED: "SHIPPED",
  CANCELED: "CANCELLED",
};

const PACKAGE: Partial<Record<OrderStatus, string>> = {
  SHIPPED: "IN_TRANSIT",
  SHIPMENT_EXCEPTION: "UNDELIVERABLE",
  DELIVERED: "DELIVERED",
};

const money = (cents: number) => ({ amount: (cents / 100).toFixed(2), currencyCode: "BRL" });

/** Amazon's order item ids are 14 digits; the sandbox derives them from the order code and the line. */
export function orderItemId(order: MarketplaceOrder, index: number): string {
  const digits = order.code.replace(/\D/g, "").slice(-12).padStart(12, "0");
  return `${digits}${String(index + 1).padStart(2, "0")}`;
}

/** NOT_FOUND: needed, not uploaded; PROCESSING while the sandbox validates it (next generator tick). */
export function invoiceStatus(order: MarketplaceOrder): string {
  if (!order.invoice) return "NOT_FOUND";
  return order.invoiceValidation === "awaiting_validation" ? "PROCESSING" : "ACCEPTED";
}

export function renderOrder(order: MarketplaceOrder): Record<string, unknown> {
  const itemsCents = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const zip = order.address.zip.replace(/\D/g, "");
  const packageStatus = PACKAGE[order.status];
  return {
    orderId: order.code,
    createdTime: order.placedAt,
    lastUpdatedTime: order.updatedAt,
    programs: [],
    salesChannel: { channelName: "Amazon.com.br", marketplaceId: MARKETPLACE_ID, marketplaceName: "Amazon.com.br" },
    buyer: { buyerName: order.customer.name, buyerEmail: `${order.code.replace(/\W/g, "")}@marketplace.amazon.com.br` },
    recipient: {
      deliveryAddress: {
        name: order.customer.name,
        addressLine1: `${order.address.street}, ${order.address.number}`,
        addressLine2: order.address.complement ?? undefined,
        city: order.address.city,
        districtOrCounty: order.address.district,
        stateOrRegion: order.address.state,
        postalCode: zip.length === 8 ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip,
        countryCode: "BR",
        phone: order.customer.phone,
        extendedFields: {
          streetName: order.address.street,
          streetNumber: order.address.number,
          complement: order.address.complement ?? undefined,
          neighborhood: order.address.district,
        },
      },
    },
    proceeds: {
      grandTotal: money(order.totalCents),
      breakdowns: [
        { type: "ITEM", subtotal: money(itemsCents) },
        { type: "SHIPPING", subtotal: money(order.shippingCents) },
      ],
    },
    tax: {
      taxRegistrations: [
        {
          entityType: "BUYER",
          taxRegistrationType: order.customer.document.length > 11 ? "CNPJ" : "CPF",
          taxRegistrationNumber: order.customer.document,
        },
      ],
      taxInvoicing: { invoiceStatus: invoiceStatus(order) },
    },
    fulfillment: {
      fulfillmentStatus: FULFILLMENT[order.status],
      fulfilledBy: "MERCHANT",
      fulfillmentServiceLevel: "Standard",
    },
    orderItems: order.items.map((item, index) => ({
      orderItemId: orderItemId(order, index),
      quantityOrdered: item.quantity,
      product: { sellerSku: item.sku, title: item.name, price: { unitPrice: money(item.unitPriceCents) } },
      ...(order.cancellationRequested
        ? { cancellation: { cancellationRequest: { requester: "BUYER", cancelReason: "Solicitado pelo comprador" } } }
        : {}),
    })),
    packages:
      order.shipment && packageStatus
        ? [
            {
              packageReferenceId: "1",
              createdTime: order.shipment.handedAt,
              packageStatus: { status: packageStatus },
              carrier: order.shipment.carrier,
              shipTime: order.shipment.handedAt,
              shippingService: order.shipment.method,
              trackingNumber: order.shipment.trackingCode,
            },
          ]
        : [],
  };
}
