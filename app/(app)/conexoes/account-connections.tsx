"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { ConnectionCard } from "./connection-card";

/** The seller's (or, for an admin, the selected account's) marketplaces: how each is connected and how it is doing. */
export function AccountConnections() {
  const trpc = useTRPC();
  const list = useQuery(trpc.connections.mine.queryOptions());
  // The Mercado Livre authorization comes back here with its result in the address.
  const returned = useSearchParams().get("resultado");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Conexões com marketplaces</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Cada marketplace é lido e atualizado pela API dele, com as credenciais da sua loja. As chaves e os tokens ficam
        guardados cifrados e nunca aparecem de novo nesta tela.
      </p>
      {returned && (
        <p role="status" className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-800">
          {returned}
        </p>
      )}
      {list.error && (
        <p role="alert" className="text-slate-700">
          {toUiError(list.error).message}
        </p>
      )}
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {list.data?.map((row) => (
          <li key={row.channel}>
            <ConnectionCard row={row} />
          </li>
        ))}
      </ul>
    </div>
  );
}
