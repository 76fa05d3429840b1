import Link from "next/link";
import { CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { formatDocument } from "@/server/domain/documents";
import { formatBrl, formatDateTime } from "@/server/domain/format";
import type { BoardSort } from "@/server/domain/orders/board-filters";
import { StatusBadge } from "../../_components/status-badge";
import type { BoardRow } from "./board-row";
import { DeadlineCell } from "./deadline-cell";
import { LastUpdate } from "./last-update";
import { type RowAction, RowNextStep } from "./row-next-step";
import type { BoardSelection } from "./use-board-selection";

export interface BoardListProps {
  rows: BoardRow[];
  selection: BoardSelection;
  canAct: boolean;
  onAct: (row: BoardRow, action: RowAction) => void;
  /** Shown instead of rows: loading, nothing found. */
  placeholder: string | null;
  sort: BoardSort;
}

/** The board from a tablet up: one row per order, its next step in the last column. */
export function BoardTable({ rows, selection, canAct, onAct, placeholder, sort }: BoardListProps) {
  return (
    <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Pedidos filtrados</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            <th scope="col" className="w-8 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Selecionar todos os pedidos mostrados"
                checked={selection.allSelected}
                onChange={(e) => selection.selectAll(e.target.checked)}
              />
            </th>
            <Th>Pedido</Th>
            <Th>Cliente</Th>
            <Th sorted={sort === "placed" ? "descending" : undefined}>Data do pedido</Th>
            <Th>Status</Th>
            <Th sorted={sort === "deadline" ? "ascending" : undefined}>Prazo</Th>
            <Th right>Total</Th>
            <Th>Próximo passo</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id} className="border-t border-slate-100 hover:bg-slate-50">
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={`Selecionar o pedido ${o.marketplaceCode}`}
                  checked={selection.isSelected(o.id)}
                  onChange={() => selection.toggle(o.id)}
                />
              </td>
              <td className="px-3 py-2">
                <Link href={`/pedidos/${o.id}`} className="font-medium text-brand-700 hover:underline">
                  {o.marketplaceCode}
                </Link>
                <div className="text-xs text-slate-600">{CHANNEL_LABELS[o.channel]}</div>
              </td>
              <td className="px-3 py-2">
                <div>{o.customerName}</div>
                <div className="text-xs text-slate-600">{formatDocument(o.customerDocument)}</div>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(o.placedAt)}</td>
              <td className="px-3 py-2">
                <StatusBadge order={o} />
                <LastUpdate update={o.lastUpdate} />
                {o.handledManuallyAt && <div className="mt-1 text-xs text-amber-800">Tratado manualmente</div>}
              </td>
              <td className="px-3 py-2">
                <DeadlineCell at={o.deadlineAt} kind={o.deadlineKind} />
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap">{formatBrl(o.totalCents)}</td>
              <td className="px-3 py-2">
                <RowNextStep row={o} canAct={canAct} onAct={onAct} />
              </td>
            </tr>
          ))}
          {placeholder && (
            <tr>
              <td colSpan={8} className="px-3 py-8 text-center text-slate-600">
                {placeholder}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function Th(props: { children: React.ReactNode; right?: boolean; sorted?: "ascending" | "descending" }) {
  return (
    <th scope="col" aria-sort={props.sorted} className={`px-3 py-2 font-medium ${props.right ? "text-right" : ""}`}>
      {props.children}
    </th>
  );
}
