"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { formatDateTime } from "@/server/domain/format";
import { secondaryButton } from "../../_components/form";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { AmazonKeysForm } from "./amazon-keys-form";
import { MiraklKeyForm } from "./mirakl-key-form";
import { SkyhubKeysForm } from "./skyhub-keys-form";

// Each channel connected by keys asks for its own; the channel rule says which setup a channel has.
const KEYS_FORMS: Partial<Record<ConnectionRow["channel"], (props: { onDone: () => void }) => React.ReactNode>> = {
  americanas: SkyhubKeysForm,
  amazon: AmazonKeysForm,
};

export type ConnectionRow = inferRouterOutputs<AppRouter>["connections"]["mine"][number];

function Health({ row }: { row: ConnectionRow }) {
  const now = Date.now();
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm [&_dd]:[overflow-wrap:anywhere]">
      <dt className="text-slate-600">Credenciais</dt>
      <dd>{row.identity ?? (row.setup === "none" ? "não se aplica" : "não informadas")}</dd>
      {row.setup !== "none" && (
        <>
          <dt className="text-slate-600">Endereço</dt>
          <dd>{row.baseUrl}</dd>
        </>
      )}
      <dt className="text-slate-600">Última leitura</dt>
      <dd>{row.lastPulledAt ? formatDateTime(row.lastPulledAt) : "ainda nenhuma"}</dd>
      {row.tokenExpiresAt && (
        <>
          <dt className="text-slate-600">Token vale até</dt>
          <dd>{formatDateTime(row.tokenExpiresAt)} (renovado sozinho)</dd>
        </>
      )}
      {row.rateLimitedUntil && row.rateLimitedUntil.getTime() > now && (
        <>
          <dt className="text-slate-600">Limite de requisições</dt>
          <dd>o marketplace pediu espera até {formatDateTime(row.rateLimitedUntil)}</dd>
        </>
      )}
      {row.unreachableSince && (
        <>
          <dt className="text-slate-600">Marketplace</dt>
          <dd>
            fora do ar desde {formatDateTime(row.unreachableSince)}; o Fluxo verifica a cada poucos segundos e envia as
            atualizações assim que ele voltar.
          </dd>
        </>
      )}
      {!row.enabled && (
        <>
          <dt className="text-slate-600">Situação</dt>
          <dd>desligada pelo administrador</dd>
        </>
      )}
    </dl>
  );
}

export function ConnectionCard({ row }: { row: ConnectionRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const test = useMutation(
    trpc.connections.test.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.connections.mine.queryKey() }),
    }),
  );
  const headingId = `conexao-${row.channel}`;
  const KeysForm = KEYS_FORMS[row.channel];
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {row.label}
        </h2>
        <p className="text-sm text-slate-600">{row.protocol}</p>
      </div>
      <Health row={row} />
      {row.lastError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {row.lastErrorAt ? `${formatDateTime(row.lastErrorAt)}: ` : ""}
          {row.lastError}
        </p>
      )}
      {test.data && !test.isPending && (
        <p role="status" className={test.data.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}>
          {test.data.message}
        </p>
      )}
      {test.error && <p className="text-sm text-red-800">{toUiError(test.error).message}</p>}
      {row.setup === "keys" && editing && KeysForm && <KeysForm onDone={() => setEditing(false)} />}
      {row.setup === "shop_key" && editing && (
        <MiraklKeyForm baseUrl={row.baseUrl} method={row.invoiceMethod} onDone={() => setEditing(false)} />
      )}
      <div className="flex flex-wrap gap-2">
        {(row.setup === "keys" || row.setup === "shop_key") && !editing && (
          <button type="button" className={secondaryButton} onClick={() => setEditing(true)}>
            {row.identity ? "Trocar chaves" : "Informar chaves"}
          </button>
        )}
        {row.connect && (
          <a className={secondaryButton} href={row.connect.path}>
            {row.identity ? `Conectar de novo ${row.connect.with}` : `Conectar ${row.connect.with}`}
          </a>
        )}
        <button
          type="button"
          className={secondaryButton}
          disabled={test.isPending}
          onClick={() => test.mutate({ channel: row.channel })}
        >
          {test.isPending ? "Testando…" : "Testar conexão"}
        </button>
      </div>
    </section>
  );
}
