"use client";

import { useMutation } from "@tanstack/react-query";
import { secondaryButton } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { messageOf } from "../../../_trpc/errors";
import type { ImportRowView, ImportView } from "./import-view";

type Props = {
  importId: number;
  rowId: number;
  noteLabel: string;
  order: NonNullable<ImportRowView["order"]>;
  difference: NonNullable<ImportRowView["difference"]>;
  /** Applied rows only show what was confirmed. */
  canConfirm: boolean;
  disabled: boolean;
  onChange: (view: ImportView) => void;
};

/** The note's and the order's values side by side; the row waits for the seller's word (SPEC §3). */
export function NoteDifference({
  importId,
  rowId,
  noteLabel,
  order,
  difference,
  canConfirm,
  disabled,
  onChange,
}: Props) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.invoiceImports.confirmDifference.mutationOptions({ onSuccess: onChange }));
  return (
    <div className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-slate-800">
      <p className="font-medium text-amber-900">
        {difference.confirmed
          ? "Diferença confirmada por você"
          : "A nota não confere com o pedido. Só será faturada se você confirmar."}
      </p>
      <table className="mt-1 text-left">
        <caption className="sr-only">
          {noteLabel} e pedido {order.marketplaceCode}, lado a lado
        </caption>
        <thead className="text-slate-600">
          <tr>
            <td />
            <th scope="col" className="pr-4 font-medium">
              No pedido
            </th>
            <th scope="col" className="font-medium">
              Na nota
            </th>
          </tr>
        </thead>
        <tbody>
          {difference.items.map((item) => (
            <tr key={item.field}>
              <th scope="row" className="pr-4 font-medium">
                {item.label}
              </th>
              <td className="pr-4 tabular-nums">{item.order}</td>
              <td className="font-semibold tabular-nums text-amber-900">{item.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canConfirm && !difference.confirmed && (
        <button
          type="button"
          className={`mt-2 ${secondaryButton}`}
          disabled={disabled || confirm.isPending}
          aria-label={`Confirmar a diferença da ${noteLabel} com o pedido ${order.marketplaceCode}`}
          onClick={() => confirm.mutate({ importId, rowId, orderId: order.id })}
        >
          Confirmar a diferença
        </button>
      )}
      {confirm.error && (
        <p role="alert" className="mt-1 font-medium text-red-700">
          {messageOf(confirm.error)}
        </p>
      )}
    </div>
  );
}
