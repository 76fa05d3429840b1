"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { plural } from "@/server/domain/format";
import { boardUrl, DEADLINE_URL_VALUES } from "@/server/domain/orders/board-url";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { BoardCards } from "./board-cards";
import { BoardFiltersPanel } from "./board-filters-panel";
import { BoardTable } from "./board-table";
import { useBoardUrlState } from "./board-url-state";
import { DeadlineShortcuts } from "./deadline-shortcuts";
import { ExportButton } from "./export-button";
import type { RowActionTarget } from "./row-action-dialog";
import { SelectionBar } from "./selection-bar";
import { SpecialFilters, specialFilters } from "./special-filters";
import { StatusTabs } from "./status-tabs";
import { useBoardSelection } from "./use-board-selection";

// The row's forms are the order page's own (key checks, XML preview, carriers): loaded when a seller opens one, so
// the board's first load stays within its JavaScript budget (bench/RESULTS.md).
const RowActionDialog = dynamic(() => import("./row-action-dialog").then((m) => m.RowActionDialog), { ssr: false });

const REFRESH_MS = 5_000;

export function OrdersBoard() {
  const trpc = useTRPC();
  const { state, filters, sort, setState } = useBoardUrlState();
  const [acting, setActing] = useState<RowActionTarget | null>(null);
  // Mounted from the first time a row's step is opened, so later ones close the dialog (focus goes back) rather
  // than removing it.
  const [dialogUsed, setDialogUsed] = useState(false);
  const [sent, setSent] = useState<{ message: string; warnings: string[] } | null>(null);

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
  const canAct = me.data?.canAct ?? false;

  const rows = list.data?.pages.flatMap((p) => p.orders) ?? [];
  const selection = useBoardSelection(
    JSON.stringify({ filters, sort }),
    rows.map((o) => o.id),
  );
  const error = list.error ?? counts.error;
  const special = specialFilters(filters);
  const total = filters.status ? counts.data?.byStatus[filters.status] : counts.data?.all;
  const placeholder = list.isPending
    ? "Carregando pedidos…"
    : !list.isError && rows.length === 0
      ? "Nenhum pedido encontrado com estes filtros."
      : null;
  const listProps = {
    rows,
    selection,
    canAct,
    placeholder,
    sort,
    onAct: (row: RowActionTarget["row"], action: RowActionTarget["action"]) => {
      setSent(null);
      setDialogUsed(true);
      setActing({ row, action });
    },
  };

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
      <DeadlineShortcuts
        active={filters.deadline}
        late={counts.data?.late}
        dueToday={counts.data?.dueToday}
        failed={counts.isError}
        // Late or due today, the seller works the soonest deadline first; that order is also the one the deadline
        // index answers directly (the newest-first late list walks ~80 000 orders for a page at a million).
        onSelect={(deadline) =>
          setState(deadline ? { prazo: DEADLINE_URL_VALUES[deadline], ordem: "prazo" } : { prazo: null })
        }
      />
      <SpecialFilters filters={special} onRemove={(key) => setState({ [key]: null })} />

      <StatusTabs
        active={state.status}
        counts={counts.data ?? {}}
        failed={counts.isError}
        onSelect={(status) => setState({ status })}
      />
      <BoardFiltersPanel
        state={state}
        setState={setState}
        statusCounts={counts.data ?? {}}
        hasSpecial={special.length > 0}
        onClear={() =>
          setState({
            canal: null,
            de: null,
            ate: null,
            busca: null,
            paradoHa: null,
            atrasado: null,
            replicacao: null,
            divergente: null,
            semCancelados: null,
            prazo: null,
          })
        }
      />

      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {toUiError(error).message}
        </p>
      )}
      {sent && (
        <div
          role="status"
          className="flex items-start justify-between gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900"
        >
          <div className="space-y-1">
            <p className="font-medium">{sent.message}</p>
            {sent.warnings.map((w) => (
              <p key={w} className="text-amber-900">
                ⚠ {w}
              </p>
            ))}
          </div>
          <button type="button" className="underline" onClick={() => setSent(null)}>
            Fechar aviso
          </button>
        </div>
      )}

      <div className="flex flex-wrap items-center justify-end gap-3">
        {canAct && (
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
      <SelectionBar selected={selection.selected} filters={filters} onClear={selection.clear} />
      <BoardTable {...listProps} />
      <BoardCards {...listProps} />
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
      {dialogUsed && (
        <RowActionDialog
          target={acting}
          onClose={() => setActing(null)}
          onDone={(message, outcome) => {
            setActing(null);
            setSent({ message, warnings: outcome.warnings.map((w) => w.message) });
          }}
        />
      )}
    </div>
  );
}

function DivergentPill({ orders, queueHref }: { orders: number; queueHref: string }) {
  const text = `${plural(orders, "pedido divergente", "pedidos divergentes")} do marketplace`;
  return (
    <Link
      href={queueHref}
      className="rounded-full bg-red-100 px-3 py-1 text-sm font-medium text-red-900 hover:bg-red-200"
      data-testid="divergent-orders"
    >
      {text}
    </Link>
  );
}
