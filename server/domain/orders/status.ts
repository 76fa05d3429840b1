// SPEC §2: status codes follow the SkyHub status types; labels are what the UI shows.
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

export const STATUS_LABELS: Record<OrderStatus, string> = {
  // Channels whose rule says `requiresAcceptance` (Mirakl's WAITING_ACCEPTANCE): the seller accepts or refuses first.
  AWAITING_ACCEPTANCE: "Aguardando aceite do vendedor",
  NEW: "Aguardando pagamento",
  PAYMENT_OVERDUE: "Boleto vencido",
  APPROVED: "Pagamento confirmado — aguardando nota fiscal",
  OUT_OF_STOCK: "Temporariamente sem estoque",
  INVOICED: "Nota fiscal emitida",
  SHIPPED: "Enviado",
  SHIPMENT_EXCEPTION: "Problema de entrega",
  DELIVERED: "Entregue",
  CANCELED: "Cancelado",
};

/** Short labels for the board's tabs, where the full label does not fit. */
export const STATUS_TAB_LABELS: Record<OrderStatus, string> = {
  ...STATUS_LABELS,
  AWAITING_ACCEPTANCE: "Aguardando aceite",
  APPROVED: "Aguardando nota fiscal",
};

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

/** What the UI calls the order's state: a pending cancellation request is never shown as "Cancelado". */
export function orderStatusLabel(order: {
  status: OrderStatus;
  cancellationRequestedAt: Date | number | null;
}): string {
  if (order.cancellationRequestedAt && order.status !== "CANCELED") return "Cancelamento solicitado";
  return STATUS_LABELS[order.status];
}
