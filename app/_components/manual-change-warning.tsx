"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../_trpc/client";

/**
 * SPEC §5: a change made in the marketplace's own panel breaks the integration. Said where a seller acts, once per
 * place, and only to whoever may act: a manager or support reading the page has nothing to change.
 */
export function ManualChangeWarning({ compact = false }: { compact?: boolean }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  if (!me.data?.canAct) return null;
  return (
    <p
      className={`rounded-md border border-amber-300 bg-amber-50 text-amber-900 ${compact ? "px-3 py-1.5 text-xs" : "px-4 py-2 text-sm"}`}
    >
      <strong>Atenção:</strong> atualize seus pedidos só pelo Fluxo. Alterar um pedido direto no painel do marketplace
      interrompe a integração e o pedido deixa de ser sincronizado.
    </p>
  );
}
