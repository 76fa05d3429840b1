"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { formatDateTime } from "@/server/domain/format";
import { inputClass, secondaryButton } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";

type Row = {
  accountId: number;
  tradeName: string;
  channel: keyof typeof CHANNEL_LABELS;
  baseUrl: string;
  enabled: boolean;
  lastPulledAt: Date | null;
};

export function ConnectionsTable() {
  const trpc = useTRPC();
  const list = useQuery(trpc.connections.list.queryOptions());
  if (list.error) {
    return (
      <p role="alert" className="text-slate-700">
        {toUiError(list.error).message}
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Conexões com marketplaces</h1>
      <p className="text-sm text-slate-600">
        Por conta de vendedor: quais canais o Fluxo lê e atualiza, e o endereço da API de cada um. Uma conexão desligada
        para de receber pedidos e de enviar atualizações (elas ficam na fila até ser religada). As credenciais de cada
        conta (chaves, autorização do Mercado Livre) e o teste de conexão ficam em{" "}
        <Link href="/conexoes" className="text-brand-700 underline">
          Conexões da conta selecionada
        </Link>
        .
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Conta
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Canal
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Endereço da API
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Última leitura
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Ativa
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((row) => (
              <ConnectionRow key={`${row.accountId}-${row.channel}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ConnectionRow({ row }: { row: Row }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [baseUrl, setBaseUrl] = useState(row.baseUrl);
  const [enabled, setEnabled] = useState(row.enabled);
  const save = useMutation(
    trpc.connections.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.connections.pathFilter()),
    }),
  );
  const label = `${row.tradeName} · ${CHANNEL_LABELS[row.channel]}`;
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="px-3 py-2">{row.tradeName}</td>
      <td className="px-3 py-2">{CHANNEL_LABELS[row.channel]}</td>
      <td className="px-3 py-2">
        <input
          aria-label={`Endereço da API: ${label}`}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          className={inputClass}
        />
        {save.error && <p className="mt-1 text-xs text-red-700">{toUiError(save.error).message}</p>}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{row.lastPulledAt ? formatDateTime(row.lastPulledAt) : "—"}</td>
      <td className="px-3 py-2">
        <input
          type="checkbox"
          aria-label={`Conexão ativa: ${label}`}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
      </td>
      <td className="px-3 py-2">
        <button
          type="button"
          className={secondaryButton}
          disabled={save.isPending}
          onClick={() =>
            save.mutate({ accountId: row.accountId, channel: row.channel, baseUrl: baseUrl.trim(), enabled })
          }
        >
          {save.isSuccess && !save.isPending ? "Salvo" : "Salvar"}
        </button>
      </td>
    </tr>
  );
}
