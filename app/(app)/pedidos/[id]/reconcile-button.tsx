"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { plural } from "@/server/domain/format";
import { secondaryButton } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";
import { invalidateOrderViews } from "../../../_trpc/invalidate";

/** Runs now the check the worker runs on its schedule, for whoever suspects the marketplace changed. */
export function ReconcileButton({ orderId }: { orderId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reconcile = useMutation(
    trpc.orders.reconcile.mutationOptions({
      // A new or cleared divergence shows on this page, the board's count and the support queue.
      onSettled: () => invalidateOrderViews(queryClient, trpc),
    }),
  );

  let message: string | null = null;
  let tone = "text-slate-700";
  if (reconcile.error) {
    message = toUiError(reconcile.error).message;
    tone = "text-red-700";
  } else if (reconcile.data && !reconcile.data.reachable) {
    message = "Não foi possível ler o marketplace agora. Tente de novo em alguns minutos.";
    tone = "text-amber-900";
  } else if (reconcile.data?.divergences === 0) {
    message = "Conferido: pedido igual no marketplace.";
    tone = "text-emerald-800";
  } else if (reconcile.data) {
    const n = reconcile.data.divergences;
    message = `Conferido: ${plural(n, "divergência", "divergências")} com o marketplace.`;
    tone = "text-red-800";
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <p role="status" className={`text-sm ${tone}`}>
        {reconcile.isPending ? "Conferindo com o marketplace…" : message}
      </p>
      <button
        type="button"
        className={secondaryButton}
        disabled={reconcile.isPending}
        onClick={() => reconcile.mutate({ id: orderId })}
      >
        Conferir com o marketplace
      </button>
    </div>
  );
}
