// An SP-API order (Orders API v2026-01-01, models/orders-api-model/orders_2026-01-01.json) as the hub's order
// (docs/CHANNELS.md, "Amazon").
import type { LogisticsModeId } from "../../domain/channels/channels";
import type { OrderStatus } from "../../domain/orders/status";
import type { MarketplaceOrder } from "../adapter";

export type AmazonJson = Record<string, unknown>;

/** What a read asks for; v2026-01-01 gives the buyer and the address by role, with no Restricted Data Token. */
export const INCLUDED_DATA = "BUYER,RECIPIENT,PROCEEDS,CANCELLATION,FULFILLMENT,PACKAGES,TAX";

const obj = (value: unknown): AmazonJson =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as AmazonJson) : {};
const list = (value: unknown): AmazonJson[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
const cents = (money: unknown) => Math.round(Number(obj(money).amount ?? 0) * 100);

const EXCEPTION_PACKAGE = new Set(["UNDELIVERABLE"]);

function lastPackage(order: AmazonJson): AmazonJson | null {
  return list(order.packages).at(-1) ?? null;
}

export function invoiceStatusOf(order: AmazonJson): string | null {
  return str(obj(obj(order.tax).taxInvoicing).invoiceStatus);
}

function statusOf(order: AmazonJson): OrderStatus | null {
  const fulfillment = str(obj(order.fulfillment).fulfillmentStatus);
  switch (fulfillment) {
    case "PENDING_AVAILABILITY":
    case "PENDING":
      return "NEW";
    case "UNSHIPPED":
      return invoiceStatusOf(order) === "ACCEPTED" ? "INVOICED" : "APPROVED";
    case "PARTIALLY_SHIPPED":
    case "SHIPPED": {
      const packageStatus = str(obj(lastPackage(order)?.packageStatus).status);
      if (packageStatus === "DELIVERED") return "DELIVERED";
      return packageStatus && EXCEPTION_PACKAGE.has(packageStatus) ? "SHIPMENT_EXCEPTION" : "SHIPPED";
    }
    case "CANCELLED":
    case "UNFULFILLABLE":
      return "CANCELED";
    default:
      return null;
  }
}

function logisticsModeOf(order: AmazonJson): LogisticsModeId {
  const pkg = lastPackage(order);
  const carrier = `${str(pkg?.carrier) ?? ""} ${str(pkg?.shippingService) ?? ""}`;
  return /correios|sedex|\bpac\b/i.test(carrier) ? "correios" : "own_carrier";
}

function buyerDocument(order: AmazonJson): string {
  const registration = list(obj(order.tax).taxRegistrations).find(
    (r) => str(r.entityType) === "BUYER" && ["CPF", "CNPJ"].includes(str(r.taxRegistrationType) ?? ""),
  );
  return (str(registration?.taxRegistrationNumber) ?? "").replace(/\D/g, "");
}

function address(order: AmazonJson): MarketplaceOrder["address"] {
  const a = obj(obj(order.recipient).deliveryAddress);
  const br = obj(a.extendedFields);
  return {
    street: str(br.streetName) ?? str(a.addressLine1) ?? "",
    number: str(br.streetNumber) ?? "S/N",
    complement: str(br.complement) ?? str(a.addressLine2),
    district: str(br.neighborhood) ?? str(a.districtOrCounty) ?? str(a.addressLine3) ?? "",
    city: str(a.city) ?? str(a.municipality) ?? "",
    state: (str(a.stateOrRegion) ?? "").slice(0, 2).toUpperCase(),
    zip: (str(a.postalCode) ?? "").replace(/\D/g, ""),
  };
}

/** The order item ids and quantities confirmShipment must name (Amazon's ids, never the seller's SKUs). */
export function shipmentItems(order: AmazonJson): { orderItemId: string; quantity: number }[] {
  return list(order.orderItems)
    .map((item) => ({ orderItemId: str(item.orderItemId) ?? "", quantity: Number(item.quantityOrdered) }))
    .filter((item) => item.orderItemId !== "" && item.quantity > 0);
}

/** The hub's order, or null when its fulfillment status is one the hub does not know. */
export function toMarketplaceOrder(order: AmazonJson): MarketplaceOrder | null {
  const code = str(order.orderId);
  const status = statusOf(order);
  const placedAt = str(order.createdTime);
  if (!code || !status || !placedAt) return null;
  const buyer = obj(order.buyer);
  const delivery = obj(obj(order.recipient).deliveryAddress);
  const proceeds = obj(order.proceeds);
  const shipping = list(proceeds.breakdowns).find((b) => str(b.type) === "SHIPPING");
  const pkg = lastPackage(order);
  const tracking = str(pkg?.trackingNumber);
  return {
    code,
    channel: "amazon",
    status,
    logisticsMode: logisticsModeOf(order),
    placedAt,
    approvedAt: status === "NEW" ? null : placedAt,
    customer: {
      name: str(buyer.buyerName) ?? str(delivery.name) ?? "",
      document: buyerDocument(order),
      email: str(buyer.buyerEmail),
      phone: str(delivery.phone),
    },
    address: address(order),
    items: list(order.orderItems).map((item) => {
      const product = obj(item.product);
      return {
        sku: str(product.sellerSku) ?? str(item.orderItemId) ?? "",
        name: str(product.title) ?? "",
        quantity: Number(item.quantityOrdered),
        unitPriceCents: cents(obj(product.price).unitPrice),
      };
    }),
    shippingCents: shipping ? cents(shipping.subtotal) : 0,
    totalCents: cents(proceeds.grandTotal),
    // The order says only whether an NF-e was accepted, never its key: the invoice is settled by its status call.
    invoice: null,
    shipment:
      pkg && tracking
        ? { carrier: str(pkg.carrier) ?? "", trackingCode: tracking, method: str(pkg.shippingService) ?? "" }
        : null,
    cancellationRequested:
      status !== "CANCELED" &&
      list(order.orderItems).some((item) => str(obj(obj(item.cancellation).cancellationRequest).requester) === "BUYER"),
    // The latest ship date Amazon promised the buyer: the order's dispatch deadline.
    shipBy: str(obj(obj(order.fulfillment).shipByWindow).latestDateTime),
    seq: Date.parse(str(order.lastUpdatedTime) ?? placedAt),
  };
}
