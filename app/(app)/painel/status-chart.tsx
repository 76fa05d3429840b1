"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import { ORDER_STATUSES, type OrderStatus, STATUS_TAB_LABELS } from "@/server/domain/orders/status";

const COLORS: Record<OrderStatus, string> = {
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

/** Orders per channel, stacked by status. The table beside it carries the same figures as links. */
export default function StatusChart({ rows }: { rows: { status: OrderStatus; channel: ChannelId; n: number }[] }) {
  const data = CHANNEL_IDS.map((channel) => ({
    channel: CHANNEL_LABELS[channel],
    ...Object.fromEntries(
      ORDER_STATUSES.map((s) => [s, rows.find((r) => r.channel === channel && r.status === s)?.n ?? 0]),
    ),
  }));
  return (
    <div
      className="h-80 w-full"
      role="img"
      aria-label="Gráfico de pedidos por canal e status (os números estão na tabela abaixo)"
    >
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="channel" tick={{ fontSize: 11 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          {/* In the order an order lives through them, not alphabetically (recharts' default). */}
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => ORDER_STATUSES.indexOf(item.dataKey as OrderStatus)}
          />
          {ORDER_STATUSES.map((s) => (
            <Bar key={s} dataKey={s} name={STATUS_TAB_LABELS[s]} stackId="status" fill={COLORS[s]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
