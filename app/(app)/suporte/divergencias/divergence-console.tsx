"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import { DIVERGENCE_KIND_LABELS, DIVERGENCE_KINDS, type DivergenceKind } from "@/server/domain/divergences/kinds";
import { formatDocument } from "@/server/domain/documents";
import { plural } from "@/server/domain/format";
import { inputClass } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";
import type { ActionNotice } from "./divergence-action-dialog";
import { DivergenceCard } from "./divergence-card";
import { LateOrders } from "./late-orders";
import { StaffOrderLink } from "./order-link";
import { AGE_OPTIONS, useQueueUrlState } from "./queue-url-state";

const REFRESH_MS = 10_000;

export function DivergenceConsole() {
  const trpc = useTRPC();
  const { state, filters, setState } = useQueueUrlState();
  // Divergences are found by the worker in the background: the queue refreshes itself, except when the
  // server said this user may not see it at all.
  const list = useQuery({
    ...trpc.divergences.list.queryOptions(filters),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (toUiError(query.state.error).code === "FORBIDDEN" ? false : REFRESH_MS),
  });
  const forbidden = list.error ? toUiError(list.error).code === "FORBIDDEN" : false;
  const me = useQuery(trpc.session.me.queryOptions());
  const accounts = useQuery({ ...trpc.accounts.list.queryOptions(), enabled: me.data?.isStaff === true });
  const now = useNow(30_000);
  const [notice, setNotice] = useState<ActionNotice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // The card acted on leaves the queue; focus goes to what happened so keyboard users are not dropped on <body>.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (forbidden && list.error) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Área restrita</h1>
        <p role="alert" className="text-slate-700">
          {toUiError(list.error).message}
        </p>
        <Link href="/pedidos" className="text-brand-700 underline">
          Voltar aos pedidos
        </Link>
      </div>
    );
  }

  const rows = list.data ?? [];
  const filtered = Boolean(state.conta || state.canal || state.tipo || state.idade);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Divergências com os marketplaces</h1>
        <p className="mt-1 text-sm text-slate-600">
          Pedidos em que o Fluxo e o marketplace discordam, as mais antigas primeiro. Compare os dois lados, veja a
          causa provável e escolha uma ação: cada uma fica registrada no histórico do pedido.
        </p>
      </div>
      <LateOrders accountId={state.conta} />

      <form
        aria-label="Filtrar divergências"
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterSelect
          label="Conta"
          value={state.conta ? String(state.conta) : ""}
          onChange={(v) => setState({ conta: v ? Number(v) : null })}
          options={[
            { value: "", label: "Todas as contas" },
            ...(accounts.data ?? []).map((a) => ({
              value: String(a.id),
              label: `${a.tradeName} — ${formatDocument(a.cnpj)}`,
            })),
          ]}
        />
        <FilterSelect
          label="Canal"
          value={state.canal ?? ""}
          onChange={(v) => setState({ canal: (v || null) as ChannelId | null })}
          options={[
            { value: "", label: "Todos os canais" },
            ...CHANNEL_IDS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
          ]}
        />
        <FilterSelect
          label="Tipo"
          value={state.tipo ?? ""}
          onChange={(v) => setState({ tipo: (v || null) as DivergenceKind | null })}
          options={[
            { value: "", label: "Todos os tipos" },
            ...DIVERGENCE_KINDS.map((k) => ({ value: k, label: DIVERGENCE_KIND_LABELS[k] })),
          ]}
        />
        <FilterSelect
          label="Aberta"
          value={state.idade ? String(state.idade) : ""}
          onChange={(v) => setState({ idade: v ? (Number(v) as (typeof AGE_OPTIONS)[number]) : null })}
          options={[
            { value: "", label: "a qualquer tempo" },
            ...AGE_OPTIONS.map((h) => ({ value: String(h), label: `há mais de ${h} h` })),
          ]}
        />
        {filtered && (
          <button
            type="button"
            onClick={() => setState({ conta: null, canal: null, tipo: null, idade: null })}
            className="pb-1.5 text-sm text-brand-700 underline"
          >
            Limpar filtros
          </button>
        )}
      </form>

      {notice && (
        <div
          ref={noticeRef}
          tabIndex={-1}
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900"
        >
          {notice.message}{" "}
          <StaffOrderLink
            accountId={notice.accountId}
            orderId={notice.orderId}
            className="font-semibold text-emerald-950 underline"
          >
            Abrir o pedido {notice.marketplaceCode}
          </StaffOrderLink>
        </div>
      )}
      {list.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {toUiError(list.error).message}
        </p>
      )}

      {list.isPending ? (
        <p className="text-slate-600">Carregando divergências…</p>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">
          Nenhuma divergência em aberto com estes filtros.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{plural(rows.length, "divergência", "divergências")} em aberto</p>
          <ul aria-label="Divergências em aberto" className="space-y-3">
            {rows.map((row) => (
              <li key={row.id}>
                <DivergenceCard row={row} now={now} onDone={setNotice} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="min-w-44 text-sm">
      <span className="block text-slate-600">{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} className={inputClass}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The clock the ages are measured against; ticks so "aberta há…" does not freeze between polls. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
