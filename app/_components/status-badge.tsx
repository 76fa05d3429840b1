import { type OrderStatus, orderStatusLabel } from "@/server/domain/orders/status";

const TONES: Record<OrderStatus, string> = {
  AWAITING_ACCEPTANCE: "bg-violet-100 text-violet-900",
  NEW: "bg-slate-100 text-slate-800",
  PAYMENT_OVERDUE: "bg-orange-100 text-orange-900",
  APPROVED: "bg-amber-100 text-amber-900",
  OUT_OF_STOCK: "bg-rose-100 text-rose-900",
  INVOICED: "bg-sky-100 text-sky-900",
  SHIPPED: "bg-indigo-100 text-indigo-900",
  SHIPMENT_EXCEPTION: "bg-red-100 text-red-900",
  DELIVERED: "bg-emerald-100 text-emerald-900",
  CANCELED: "bg-slate-200 text-slate-700",
};

export function StatusBadge({
  order,
}: {
  order: { status: OrderStatus; cancellationRequestedAt: Date | number | null };
}) {
  const pendingCancel = order.cancellationRequestedAt && order.status !== "CANCELED";
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${pendingCancel ? "bg-red-100 text-red-900" : TONES[order.status]}`}
    >
      {orderStatusLabel(order)}
    </span>
  );
}
