"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { CHANNEL_IDS, CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { formatDocument } from "@/server/domain/documents";
import { formatBrl, formatDateTime } from "@/server/domain/format";
import { boardUrl } from "@/server/domain/orders/board-url";
import { ORDER_STATUSES, STATUS_TAB_LABELS } from "@/server/domain/orders/status";
import { ManualChangeWarning } from "../../_components/manual-change-warning";
import { StatusBadge } from "../../_components/status-badge";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { useBoardUrlState } from "./board-url-state";
import { ExportButton } from "./export-button";
import { SelectionBar } from "./selection-bar";

const REFRESH_MS = 5_000;

const REPLICATION_FILTER_LABELS = {
  held: "retidas",
  pending: "pendentes",
  retrying: "em nova tentativa",
  rejected: "recusadas",
} as const;

export function OrdersBoard() {
  const trpc = useTRPC();
  const { state, filters, setState } = useBoardUrlState();
  const [search, setSearch] = useState(state.busca ?? "");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const toggleSelected = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  useEffect(() => setSearch(state.busca ?? ""), [state.busca]);

  const { status: _status, ...countFilters } = filters;
  // Orders arrive from the marketplaces all the time: the board refreshes itself.
  const counts = useQuery({
    ...trpc.orders.counts.queryOptions({ filters: countFilters }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const list = useInfiniteQuery({
    ...trpc.orders.list.infiniteQueryOptions({ filters }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });

  const divergent = useQuery({ ...trpc.divergences.countMine.queryOptions(), refetchInterval: REFRESH_MS });
  const me = useQuery(trpc.session.me.queryOptions());

  const rows = list.data?.pages.flatMap((p) => p.orders) ?? [];
  const error = list.error ?? counts.error;

  type SpecialKey = "paradoHa" | "atrasado" | "replicacao" | "divergente";
  const special: { label: string; key: SpecialKey }[] = [];
  if (filters.stuckForHours)
    special.push({ label: `No status atual há mais de ${filters.stuckForHours} h`, key: "paradoHa" });
  if (filters.lateDelivery) special.push({ label: "Entrega atrasada", key: "atrasado" });
  if (filters.replication) {
    special.push({ label: `Sincronização: ${REPLICATION_FILTER_LABELS[filters.replication]}`, key: "replicacao" });
  }
  if (filters.divergent) special.push({ label: "Divergentes do marketplace", key: "divergente" });
  const hasSpecial = special.length > 0;
  const total = filters.status ? counts.data?.byStatus[filters.status] : counts.data?.all;

  function toggleChannel(channel: (typeof CHANNEL_IDS)[number]) {
    const current = state.canal ?? [];
    const next = current.includes(channel) ? current.filter((c) => c !== channel) : [...current, channel];
    void setState({ canal: next.length ? next : null });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Pedidos</h1>
        {divergent.data && divergent.data.orders > 0 && (
          <DivergentPill
            orders={divergent.data.orders}
            // Staff can work the queue; the seller is told what it means on each order's page.
            queueHref={
              me.data?.isStaff
                ? `/suporte/divergencias${me.data.account ? `?conta=${me.data.account.id}` : ""}`
                : boardUrl({ divergent: true })
            }
          />
        )}
      </div>
      <ManualChangeWarning />
      {hasSpecial && (
        <ul aria-label="Filtros do painel" className="flex flex-wrap gap-2 text-sm">
          {special.map((f) => (
            <li key={f.label} className="flex items-center gap-1 rounded-full bg-brand-50 px-3 py-1 text-brand-900">
              {f.label}
              <button
                type="button"
                className="font-bold"
                aria-label={`Remover filtro: ${f.label}`}
                onClick={() => setState({ [f.key]: null })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}

      <nav aria-label="Filtrar por status" className="flex flex-wrap gap-1 border-b border-slate-200 pb-2">
        <StatusTab
          label="Todos"
          count={counts.data?.all}
          failed={counts.isError}
          active={!state.status}
          onClick={() => setState({ status: null })}
        />
        {ORDER_STATUSES.map((s) => (
          <StatusTab
            key={s}
            label={STATUS_TAB_LABELS[s]}
            count={counts.data?.byStatus[s]}
            failed={counts.isError}
            active={state.status === s}
            onClick={() => setState({ status: s })}
          />
        ))}
      </nav>

      <div className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3">
        {/* Before hydration the browser submits the form itself: `busca` keeps the search in that case too. */}
        <form
          aria-label="Buscar pedidos"
          action="/pedidos"
          className="flex min-w-64 flex-1 items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            // The field's own value: text typed before hydration is not in React's state yet.
            const typed = String(new FormData(e.currentTarget).get("busca") ?? search);
            void setState({ busca: typed.trim() || null });
          }}
        >
          <label className="flex-1 text-sm">
            <span className="block text-slate-600">Buscar</span>
            <input
              type="search"
              name="busca"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Código do pedido, cliente, CPF/CNPJ, chave da NF-e ou rastreio"
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5"
            />
          </label>
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
            Buscar
          </button>
        </form>
        <fieldset className="text-sm">
          <legend className="text-slate-600">Canal</legend>
          <div className="mt-1 flex flex-wrap gap-1">
            {CHANNEL_IDS.map((c) => {
              const on = state.canal?.includes(c) ?? false;
              return (
                <button
                  key={c}
                  type="button"
                  aria-pressed={on}
                  onClick={() => toggleChannel(c)}
                  className={`rounded-full border px-2.5 py-1 text-xs ${on ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700"}`}
                >
                  {CHANNEL_LABELS[c]}
                </button>
              );
            })}
          </div>
        </fieldset>
        <label className="text-sm">
          <span className="block text-slate-600">Pedidos de</span>
          <input
            type="date"
            value={state.de ?? ""}
            onChange={(e) => setState({ de: e.target.value || null })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">até</span>
          <input
            type="date"
            value={state.ate ?? ""}
            onChange={(e) => setState({ ate: e.target.value || null })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        {(state.canal || state.de || state.ate || state.busca || hasSpecial) && (
          <button
            type="button"
            onClick={() =>
              setState({
                canal: null,
                de: null,
                ate: null,
                busca: null,
                paradoHa: null,
                atrasado: null,
                replicacao: null,
                divergente: null,
              })
            }
            className="text-sm text-brand-700 underline"
          >
            Limpar filtros
          </button>
        )}
      </div>

      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {toUiError(error).message}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-end gap-3">
        {me.data?.canAct && (
          <>
            <Link href="/pedidos/importar-notas" className="text-sm text-brand-700 underline">
              Faturar com vários XMLs
            </Link>
            <Link href="/pedidos/importar-rastreio" className="text-sm text-brand-700 underline">
              Importar rastreios por planilha
            </Link>
          </>
        )}
        <ExportButton filters={filters} total={total} />
      </div>
      {selected.size > 0 && <SelectionBar selected={[...selected]} onClear={() => setSelected(new Set())} />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Pedidos filtrados</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Selecionar todos os pedidos mostrados"
                  checked={rows.length > 0 && rows.every((o) => selected.has(o.id))}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((o) => o.id)) : new Set())}
                />
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Pedido
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Cliente
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Data do pedido
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Selecionar o pedido ${o.marketplaceCode}`}
                    checked={selected.has(o.id)}
                    onChange={() => toggleSelected(o.id)}
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
                  {o.handledManuallyAt && <div className="mt-1 text-xs text-amber-800">Tratado manualmente</div>}
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap">{formatBrl(o.totalCents)}</td>
              </tr>
            ))}
            {!list.isPending && !list.isError && rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-600">
                  Nenhum pedido encontrado com estes filtros.
                </td>
              </tr>
            )}
            {list.isPending && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-600">
                  Carregando pedidos…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.hasNextPage && (
        <div className="flex justify-center">
          <button
            type="button"
            onClick={() => list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100"
          >
            {list.isFetchingNextPage ? "Carregando…" : "Mostrar mais pedidos"}
          </button>
        </div>
      )}
    </div>
  );
}

function StatusTab(props: {
  label: string;
  count: number | undefined;
  failed: boolean;
  active: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-current={props.active ? "page" : undefined}
      aria-label={
        props.count === undefined
          ? props.label
          : `${props.label}: ${props.count} ${props.count === 1 ? "pedido" : "pedidos"}`
      }
      onClick={props.onClick}
      className={`rounded-md px-3 py-1.5 text-sm ${props.active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {props.label}
      <span className={`ml-1.5 tabular-nums ${props.active ? "text-brand-100" : "text-slate-500"}`}>
        {props.count ?? (props.failed ? "–" : "…")}
      </span>
    </button>
  );
}

function DivergentPill({ orders, queueHref }: { orders: number; queueHref: string | null }) {
  const text = orders === 1 ? "1 pedido divergente do marketplace" : `${orders} pedidos divergentes do marketplace`;
  const className = "rounded-full bg-red-100 px-3 py-1 text-sm font-medium text-red-900";
  if (queueHref) {
    return (
      <Link href={queueHref} className={`${className} hover:bg-red-200`} data-testid="divergent-orders">
        {text}
      </Link>
    );
  }
  return (
    <p
      className={className}
      data-testid="divergent-orders"
      title="O suporte do Fluxo já foi avisado. Cada pedido divergente mostra, na sua página, o que está diferente."
    >
      {text}
    </p>
  );
}
