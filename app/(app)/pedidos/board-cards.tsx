import Link from "next/link";
import { CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { formatBrl } from "@/server/domain/format";
import { StatusBadge } from "../../_components/status-badge";
import type { BoardListProps } from "./board-table";
import { DeadlineCell } from "./deadline-cell";
import { LastUpdate } from "./last-update";
import { RowNextStep } from "./row-next-step";

/** The board on a phone: one card per order, nothing wider than the screen, the next step a thumb's tap away. */
export function BoardCards({ rows, selection, canAct, onAct, placeholder }: BoardListProps) {
  return (
    <div className="sm:hidden">
      {rows.length > 0 && (
        <label className="mb-2 flex items-center gap-2 px-1 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={selection.allSelected}
            onChange={(e) => selection.selectAll(e.target.checked)}
          />
          Selecionar todos os pedidos mostrados
        </label>
      )}
      <ul aria-label="Pedidos filtrados" className="space-y-2">
        {rows.map((o) => (
          <li key={o.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <div className="flex items-start justify-between gap-2">
              <div className="flex min-w-0 items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-1"
                  aria-label={`Selecionar o pedido ${o.marketplaceCode}`}
                  checked={selection.isSelected(o.id)}
                  onChange={() => selection.toggle(o.id)}
                />
                <div className="min-w-0">
                  <Link href={`/pedidos/${o.id}`} className="font-medium break-all text-brand-700 hover:underline">
                    {o.marketplaceCode}
                  </Link>
                  <div className="text-xs text-slate-600">{CHANNEL_LABELS[o.channel]}</div>
                </div>
              </div>
              <StatusBadge order={o} />
            </div>
            <div className="flex items-baseline justify-between gap-2">
              <span className="min-w-0 break-words">{o.customerName}</span>
              <span className="font-medium whitespace-nowrap">{formatBrl(o.totalCents)}</span>
            </div>
            <DeadlineCell at={o.deadlineAt} kind={o.deadlineKind} />
            <LastUpdate update={o.lastUpdate} />
            {o.handledManuallyAt && <p className="text-xs text-amber-800">Tratado manualmente</p>}
            <RowNextStep row={o} canAct={canAct} onAct={onAct} wide />
          </li>
        ))}
      </ul>
      {placeholder && <p className="py-8 text-center text-slate-600">{placeholder}</p>}
    </div>
  );
}
