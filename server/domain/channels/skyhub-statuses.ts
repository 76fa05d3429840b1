// SkyHub's default order statuses (gitbook "Order integration and its statuses"), shared by the sandbox's SkyHub
// and the hub's SkyHub-compatible ERP API. SkyHub has no out-of-stock state: such an order is still approved there.
import type { OrderStatus } from "../orders/status";

export interface SkyhubStatus {
  code: string;
  label: string;
  type: string;
}

export const SKYHUB_STATUS: Record<OrderStatus, SkyhubStatus> = {
  // Only channels that require acceptance have this state; Americanas never does, it reads as pending payment.
  AWAITING_ACCEPTANCE: { code: "book_product", label: "Pagamento Pendente (SkyHub)", type: "NEW" },
  NEW: { code: "book_product", label: "Pagamento Pendente (SkyHub)", type: "NEW" },
  PAYMENT_OVERDUE: { code: "payment_overdue", label: "Boleto Vencido (SkyHub)", type: "PAYMENT_OVERDUE" },
  APPROVED: { code: "payment_received", label: "Aprovado (SkyHub)", type: "APPROVED" },
  OUT_OF_STOCK: { code: "payment_received", label: "Aprovado (SkyHub)", type: "APPROVED" },
  INVOICED: { code: "order_invoiced", label: "Pagamento Faturado (SkyHub)", type: "INVOICED" },
  SHIPPED: { code: "order_shipped", label: "Pedido Enviado (SkyHub)", type: "SHIPPED" },
  SHIPMENT_EXCEPTION: { code: "shipment_exception", label: "Exceção de Entrega (SkyHub)", type: "SHIPMENT_EXCEPTION" },
  DELIVERED: { code: "complete", label: "Completo (entregue) (SkyHub)", type: "DELIVERED" },
  CANCELED: { code: "order_canceled", label: "Cancelado (SkyHub)", type: "CANCELED" },
};

/** Each status once, as GET /statuses lists them. */
export const SKYHUB_STATUS_LIST: SkyhubStatus[] = [
  ...new Map(Object.values(SKYHUB_STATUS).map((s) => [s.code, s])).values(),
];
