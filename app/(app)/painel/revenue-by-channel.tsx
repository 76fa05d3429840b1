import Link from "next/link";
import { CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import type { salesBoardLinks } from "@/server/domain/dashboard/links";
import { plural } from "@/server/domain/format";
import { formatBrl } from "@/server/domain/money";

/** Revenue per channel as bars under their own label, so no label can meet another on a narrow screen. */
export function RevenueByChannel(props: {
  channels: { channel: ChannelId; revenueCents: number; revenueOrders: number }[];
  links: ReturnType<typeof salesBoardLinks>;
}) {
  const top = Math.max(1, ...props.channels.map((c) => c.revenueCents));
  return (
    <div>
      <h3 className="text-base font-semibold">Receita por canal</h3>
      <ul className="mt-2 space-y-2">
        {[...props.channels]
          .sort((a, b) => b.revenueCents - a.revenueCents)
          .map((c) => (
            <li key={c.channel}>
              <Link href={props.links.revenue(c.channel)} className="block rounded-md px-1 py-0.5 hover:bg-slate-50">
                <span className="flex flex-wrap justify-between gap-x-3 text-sm">
                  <span className="font-medium">{CHANNEL_LABELS[c.channel]}</span>{" "}
                  <span className="tabular-nums">
                    {formatBrl(c.revenueCents)}{" "}
                    <span className="text-slate-600">({plural(c.revenueOrders, "pedido", "pedidos")})</span>
                  </span>
                </span>
                <span className="mt-1 block h-2 rounded bg-slate-100">
                  <span
                    className="block h-2 rounded bg-brand-600"
                    style={{ width: `${(c.revenueCents / top) * 100}%` }}
                  />
                </span>
              </Link>
            </li>
          ))}
      </ul>
    </div>
  );
}
