"use client";

import { useEffect, useId, useState } from "react";
import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "@/server/domain/channels/channels";
import { ORDER_STATUSES, type OrderStatus, STATUS_TAB_LABELS } from "@/server/domain/orders/status";
import type { BoardUrlState, SetBoardUrlState } from "./board-url-state";
import { DayFilterInput } from "./day-filter-input";

/**
 * Search, channels, period and order of the list. The search stays in sight; on a phone the rest folds behind one
 * "Filtros" button (with how many are on), so the first order is near the top of the screen.
 */
export function BoardFiltersPanel(props: {
  state: BoardUrlState;
  setState: SetBoardUrlState;
  statusCounts: { all?: number; byStatus?: Record<OrderStatus, number> };
  hasSpecial: boolean;
  onClear: () => void;
}) {
  const { state, setState } = props;
  const [search, setSearch] = useState(state.busca ?? "");
  const [open, setOpen] = useState(false);
  const panelId = useId();
  useEffect(() => setSearch(state.busca ?? ""), [state.busca]);

  const active = [state.status, state.canal?.length, state.de, state.ate, state.ordem].filter(Boolean).length;

  function toggleChannel(channel: ChannelId) {
    const current = state.canal ?? [];
    const next = current.includes(channel) ? current.filter((c) => c !== channel) : [...current, channel];
    void setState({ canal: next.length ? next : null });
  }

  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-end gap-2">
        {/* Before hydration the browser submits the form itself: `busca` keeps the search in that case too. */}
        <form
          aria-label="Buscar pedidos"
          action="/pedidos"
          className="flex min-w-0 flex-1 basis-64 items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            // The field's own value: text typed before hydration is not in React's state yet.
            const typed = String(new FormData(e.currentTarget).get("busca") ?? search);
            void setState({ busca: typed.trim() || null });
          }}
        >
          <label htmlFor="busca" className="min-w-0 flex-1 text-sm">
            <span className="block text-slate-600">Buscar</span>
            <input
              id="busca"
              type="search"
              name="busca"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Código do pedido, cliente, CPF/CNPJ, chave da NF-e ou rastreio"
              className="mt-1 w-full min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
            />
          </label>
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
            Buscar
          </button>
        </form>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 sm:hidden"
        >
          Filtros{active > 0 && ` (${active})`}
        </button>
      </div>

      <div id={panelId} className={`${open ? "flex" : "hidden"} flex-wrap items-end gap-4 sm:flex`}>
        <div className="w-full text-sm sm:hidden">
          <label htmlFor={`${panelId}-status`} className="block text-slate-600">
            Status
          </label>
          <select
            id={`${panelId}-status`}
            value={state.status ?? ""}
            onChange={(e) => setState({ status: (e.target.value || null) as OrderStatus | null })}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="">Todos{countSuffix(props.statusCounts.all)}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_TAB_LABELS[s]}
                {countSuffix(props.statusCounts.byStatus?.[s])}
              </option>
            ))}
          </select>
        </div>
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
        <div className="flex gap-4">
          <DayFilterInput label="Pedidos de" value={state.de} onChange={(de) => setState({ de })} />
          <DayFilterInput label="até" value={state.ate} onChange={(ate) => setState({ ate })} />
        </div>
        <div className="text-sm">
          <label htmlFor={`${panelId}-sort`} className="block text-slate-600">
            Ordenar por
          </label>
          <select
            id={`${panelId}-sort`}
            value={state.ordem ?? ""}
            onChange={(e) => setState({ ordem: e.target.value === "prazo" ? "prazo" : null })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="">Mais recentes primeiro</option>
            <option value="prazo">Prazo mais próximo primeiro</option>
          </select>
        </div>
        {(state.canal || state.de || state.ate || state.busca || state.prazo || props.hasSpecial) && (
          <button type="button" onClick={props.onClear} className="text-sm text-brand-700 underline">
            Limpar filtros
          </button>
        )}
      </div>
    </div>
  );
}

function countSuffix(count: number | undefined): string {
  return count === undefined ? "" : ` (${count.toLocaleString("pt-BR")})`;
}
