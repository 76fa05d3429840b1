// The order as the marketplaces' API returns it. The sandbox keeps its own copy of the hub's status codes
// instead of importing the hub's order domain, so the stand-in stays independent of the code it tests.
import type { ChannelId, LogisticsModeId } from "../server/domain/channels/channels";

export const ORDER_STATUSES = [
  "AWAITING_ACCEPTANCE",
  "NEW",
  "PAYMENT_OVERDUE",
  "APPROVED",
  "OUT_OF_STOCK",
  "INVOICED",
  "SHIPPED",
  "SHIPMENT_EXCEPTION",
  "DELIVERED",
  "CANCELED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === "string" && (ORDER_STATUSES as readonly string[]).includes(value);
}

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderInvoice {
  accessKey: string;
  issuedAt: string | null;
  hasXml: boolean;
}

export interface OrderShipment {
  carrier: string;
  trackingCode: string;
  method: string;
  url: string | null;
  handedAt: string;
}

export type InvoiceValidation = "awaiting_validation" | "validated";

export interface MarketplaceOrder {
  code: string;
  channel: ChannelId;
  sellerCnpj: string;
  status: OrderStatus;
  logisticsMode: LogisticsModeId;
  placedAt: string;
  approvedAt: string | null;
  customer: { name: string; document: string; email: string; phone: string };
  address: {
    street: string;
    number: string;
    complement: string | null;
    district: string;
    city: string;
    state: string;
    zip: string;
  };
  items: OrderItem[];
  shippingCents: number;
  totalCents: number;
  invoice: OrderInvoice | null;
  invoiceValidation: InvoiceValidation | null;
  shipment: OrderShipment | null;
  deliveredAt: string | null;
  canceledAt: string | null;
  cancelReason: string | null;
  cancellationRequested: boolean;
  seq: number;
  updatedAt: string;
}

/** What a handler answers; the HTTP layer only serialises it. */
export interface JsonResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A body sent as is instead of JSON (an HTML page, XML, nothing for 204); set its content-type in `headers`. */
  text?: string;
}
