import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import { ORDER_STATUSES, type OrderStatus, STATUS_TAB_LABELS } from "@/server/domain/orders/status";

const COLORS: Record<OrderStatus, string> = {
  AWAITING_ACCEPTANCE: "#8b5cf6",
  NEW: "#94a3b8",
  PAYMENT_OVERDUE: "#a16207",
  APPROVED: "#f59e0b",
  OUT_OF_STOCK: "#f43f5e",
  INVOICED: "#0ea5e9",
  SHIPPED: "#6366f1",
  SHIPMENT_EXCEPTION: "#dc2626",
  DELIVERED: "#10b981",
  CANCELED: "#64748b",
};

/**
 * Orders per channel, stacked by status, one bar per channel under its own name: on a phone the names cannot
 * overlap as axis labels did. The table beside it carries the same figures as links, so the drawing is one image.
 */
export function StatusChart({ rows }: { rows: { status: OrderStatus; channel: ChannelId; n: number }[] }) {
  const count = (channel: ChannelId, status: OrderStatus) =>
    rows.find((r) => r.channel === channel && r.status === status)?.n ?? 0;
  const totals = CHANNEL_IDS.map((c) => ORDER_STATUSES.reduce((sum, s) => sum + count(c, s), 0));
  const top = Math.max(1, ...totals);
  return (
    <div role="img" aria-label="Gráfico de pedidos por canal e status (os números estão na tabela abaixo)">
      <ul className="space-y-2">
        {CHANNEL_IDS.map((channel, i) => (
          <li key={channel} className="text-sm">
            <span className="flex justify-between">
              <span>{CHANNEL_LABELS[channel]}</span>
              <span className="tabular-nums text-slate-600">{(totals[i] ?? 0).toLocaleString("pt-BR")}</span>
            </span>
            <span className="mt-1 flex h-3 overflow-hidden rounded bg-slate-100">
              {ORDER_STATUSES.map((status) => {
                const n = count(channel, status);
                return n ? (
                  <span key={status} style={{ width: `${(n / top) * 100}%`, backgroundColor: COLORS[status] }} />
                ) : null;
              })}
            </span>
          </li>
        ))}
      </ul>
      <ul className="mt-3 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
        {ORDER_STATUSES.map((status) => (
          <li key={status} className="flex items-center gap-1">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: COLORS[status] }} />
            {STATUS_TAB_LABELS[status]}
          </li>
        ))}
      </ul>
    </div>
  );
}
