import Link from "next/link";
import type { salesBoardLinks } from "@/server/domain/dashboard/links";
import { plural } from "@/server/domain/format";
import { formatBrDate } from "@/server/domain/time";

/**
 * Orders per day as columns, each a link to that day on the board with its day and count as its name: the list is
 * the chart's text alternative. Only the first and last days are written under it, so labels never collide.
 */
export function OrdersPerDay(props: { days: { day: string; n: number }[]; links: ReturnType<typeof salesBoardLinks> }) {
  const top = Math.max(1, ...props.days.map((d) => d.n));
  const first = props.days[0]?.day;
  const last = props.days.at(-1)?.day;
  return (
    <div>
      <h3 id="per-day-h" className="text-base font-semibold">
        Pedidos por dia
      </h3>
      <p className="text-xs text-slate-600">O dia com mais pedidos teve {plural(top, "pedido", "pedidos")}.</p>
      <ol aria-labelledby="per-day-h" className="mt-2 flex h-32 items-end gap-px border-b border-slate-300">
        {props.days.map((d) => {
          const name = `${formatBrDate(d.day)}: ${plural(d.n, "pedido", "pedidos")}`;
          const height = { height: `${Math.max(d.n ? 2 : 0, (d.n / top) * 100)}%` };
          return (
            <li key={d.day} className="flex h-full min-w-0 flex-1 items-end">
              {d.n ? (
                <Link
                  href={props.links.day(d.day)}
                  title={name}
                  className="block w-full rounded-t-sm bg-brand-600 hover:bg-brand-900 focus-visible:outline-2"
                  style={height}
                >
                  <span className="sr-only">{name}</span>
                </Link>
              ) : (
                <span className="sr-only">{name}</span>
              )}
            </li>
          );
        })}
      </ol>
      {first && last && (
        <p aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-600">
          <span>{formatBrDate(first)}</span>
          <span>{formatBrDate(last)}</span>
        </p>
      )}
    </div>
  );
}
