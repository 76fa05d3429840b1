"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { plural } from "@/server/domain/format";
import type { BoardFilters } from "@/server/domain/orders/board-filters";
import { Dialog, Field, FormError, primaryButton, secondaryButton } from "../../_components/form";
import { ManualChangeWarning } from "../../_components/manual-change-warning";
import { useTRPC } from "../../_trpc/client";
import { fieldError, formLevelError, toUiError } from "../../_trpc/errors";
import { invalidateOrderViews } from "../../_trpc/invalidate";
import { BrDateInput } from "./[id]/br-date-input";

/**
 * Actions on the orders ticked and shown on the board: mark delivered where the flow allows it, print a picking
 * list. The board's filters go with the ids, and the server acts only on orders they show.
 */
export function SelectionBar({
  selected,
  filters,
  onClear,
}: {
  selected: number[];
  filters: BoardFilters;
  onClear: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.session.me.queryOptions());
  const [open, setOpen] = useState(false);
  const deliver = useMutation(
    trpc.orders.bulkMarkDelivered.mutationOptions({ onSuccess: () => invalidateOrderViews(queryClient, trpc) }),
  );
  const results = deliver.data;
  const error = deliver.error ? toUiError(deliver.error) : null;
  const done = results?.filter((r) => r.ok).length ?? 0;

  // The dialog outlives the bar: the orders marked delivered leave a tab filtered by status as soon as the list
  // refreshes, and their results must stay on screen until the seller closes them.
  return (
    <>
      {selected.length > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-2 text-sm">
          <span className="font-medium">{plural(selected.length, "pedido selecionado", "pedidos selecionados")}</span>
          {me.data?.canAct && (
            <button type="button" className={secondaryButton} onClick={() => setOpen(true)}>
              Marcar como entregues
            </button>
          )}
          <Link href={`/pedidos/separacao?pedidos=${selected.join(",")}`} className={secondaryButton} target="_blank">
            Lista de separação
          </Link>
          <button type="button" className="text-brand-700 underline" onClick={onClear}>
            Limpar seleção
          </button>
        </div>
      )}
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          // Once acted on, the ticked orders are done with: however the dialog is closed, the ticks go.
          if (deliver.data) onClear();
          deliver.reset();
        }}
        title="Marcar como entregues"
      >
        <ManualChangeWarning compact />
        {!results ? (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const deliveredOn = String(new FormData(e.currentTarget).get("deliveredOn") ?? "");
              deliver.mutate({ orderIds: selected, filters, deliveredOn });
            }}
          >
            <p className="text-sm text-slate-700">
              Cada pedido passa pelas mesmas regras do pedido a pedido: só os enviados (ou com problema de entrega) fora
              das logísticas do marketplace podem ser marcados; os demais ficam como estão, com o motivo.
            </p>
            <Field label="Data da entrega" error={fieldError(error, "deliveredOn")}>
              {({ id, describedBy, invalid }) => (
                <BrDateInput id={id} name="deliveredOn" describedBy={describedBy} invalid={invalid} />
              )}
            </Field>
            <FormError message={formLevelError(error, ["deliveredOn"])} />
            <div className="flex justify-end gap-2">
              <button type="button" className={secondaryButton} onClick={() => setOpen(false)}>
                Voltar
              </button>
              <button type="submit" className={primaryButton} disabled={deliver.isPending}>
                Marcar {plural(selected.length, "pedido", "pedidos")}
              </button>
            </div>
          </form>
        ) : (
          <div className="space-y-3 text-sm">
            <p role="status">
              {plural(done, "marcado como entregue", "marcados como entregues")};{" "}
              {plural(results.length - done, "não permitido", "não permitidos")}.
            </p>
            <ul className="max-h-72 space-y-1 overflow-y-auto">
              {results.map((r) => (
                <li key={r.orderId} className={r.ok ? "text-emerald-800" : "text-red-700"}>
                  {r.ok ? "✓" : "✗"} {r.marketplaceCode ?? `#${r.orderId}`}: {r.message}
                </li>
              ))}
            </ul>
            <div className="flex justify-end">
              <button type="button" className={primaryButton} onClick={() => setOpen(false)}>
                Fechar
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
