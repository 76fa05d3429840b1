"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsString, useQueryStates } from "nuqs";
import { CHANNEL_IDS, CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { DIVERGENCE_KIND_LABELS } from "@/server/domain/divergences/kinds";
import { formatDateTime, plural } from "@/server/domain/format";
import type { BoardFilters } from "@/server/domain/orders/board-filters";
import { boardUrl } from "@/server/domain/orders/board-url";
import { ORDER_STATUSES, STATUS_TAB_LABELS } from "@/server/domain/orders/status";
import { isYmd } from "@/server/domain/time";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { PeriodField } from "./period-field";
import { SalesSection } from "./sales-section";
import { StatusChart } from "./status-chart";

const REPLICATION_LABELS = {
  held: "Retidas",
  pending: "Pendentes",
  sent: "Em envio",
  retrying: "Em nova tentativa",
  rejected: "Recusadas",
} as const;

export function DashboardView() {
  const trpc = useTRPC();
  const [period, setPeriod] = useQueryStates({ de: parseAsString, ate: parseAsString }, { history: "replace" });
  const from = period.de && isYmd(period.de) ? period.de : undefined;
  const to = period.ate && isYmd(period.ate) ? period.ate : undefined;
  const dashboard = useQuery({
    ...trpc.dashboard.get.queryOptions({ from, to }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const link = (filters: BoardFilters) => boardUrl({ from, to, ...filters });
  const data = dashboard.data;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Painel</h1>
          {data && <p className="text-sm text-slate-600">Atualizado em {formatDateTime(data.generatedAt)}</p>}
        </div>
        <fieldset className="flex flex-wrap items-start gap-3 text-sm">
          <legend className="sr-only">Período (data do pedido)</legend>
          <PeriodField label="Pedidos de" value={from ?? null} onChange={(de) => setPeriod({ de })} />
          <PeriodField label="até" value={to ?? null} onChange={(ate) => setPeriod({ ate })} />
        </fieldset>
      </div>
      {dashboard.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {toUiError(dashboard.error).message}
        </p>
      )}
      {data?.outages.length ? (
        <ul role="status" aria-label="Marketplaces fora do ar" className="space-y-1">
          {data.outages.map((outage) => (
            <li
              key={outage.channel}
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              {outage.notice}
            </li>
          ))}
        </ul>
      ) : null}
      <SalesSection from={from} to={to} />
      {data && (
        <>
          <section aria-labelledby="waiting-h" className="space-y-2">
            <h2 id="waiting-h" className="text-lg font-semibold">
              Onde os pedidos esperam
            </h2>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
              {data.waiting.approvedWithoutInvoice.map((b) => (
                <Figure
                  key={`a${b.hours}`}
                  href={link({ status: "APPROVED", stuckForHours: b.hours })}
                  n={b.n}
                  label={`Sem nota fiscal há mais de ${b.hours} h`}
                  tone={b.n ? "warn" : "ok"}
                />
              ))}
              {data.waiting.invoicedWithoutShipment.map((b) => (
                <Figure
                  key={`i${b.hours}`}
                  href={link({ status: "INVOICED", stuckForHours: b.hours })}
                  n={b.n}
                  label={`Faturados sem envio há mais de ${b.hours} h`}
                  tone={b.n ? "warn" : "ok"}
                />
              ))}
              <Figure
                href={link({ status: "SHIPPED", lateDelivery: true })}
                n={data.waiting.shippedPastEstimate}
                label="Enviados com entrega atrasada"
                tone={data.waiting.shippedPastEstimate ? "bad" : "ok"}
              />
            </div>
          </section>

          <section aria-labelledby="status-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="status-h" className="text-lg font-semibold">
              Pedidos por status e canal
            </h2>
            <StatusChart rows={data.byStatusAndChannel} />
            <div className="overflow-x-auto">
              <table className="w-full text-right text-sm">
                <caption className="sr-only">Pedidos por status e canal</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 text-left font-medium">
                      Status
                    </th>
                    {CHANNEL_IDS.map((c) => (
                      <th key={c} scope="col" className="py-1 pl-3 font-medium whitespace-nowrap">
                        {CHANNEL_LABELS[c]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ORDER_STATUSES.map((s) => (
                    <tr key={s} className="border-t border-slate-100">
                      <th scope="row" className="py-1 text-left font-normal">
                        {STATUS_TAB_LABELS[s]}
                      </th>
                      {CHANNEL_IDS.map((c) => {
                        const n = data.byStatusAndChannel.find((r) => r.status === s && r.channel === c)?.n ?? 0;
                        return (
                          <CountCell
                            key={c}
                            n={n}
                            href={link({ status: s, channels: [c] })}
                            label={`${plural(n, "pedido", "pedidos")} ${STATUS_TAB_LABELS[s]} em ${CHANNEL_LABELS[c]}`}
                          />
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <section aria-labelledby="replication-h" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="replication-h" className="text-lg font-semibold">
                Sincronização por canal
              </h2>
              <p className="text-sm text-slate-600">
                Pedidos com atualizações ainda não confirmadas pelo marketplace, agora (de qualquer período).
              </p>
              <div className="overflow-x-auto">
                <table className="mt-2 w-full text-right text-sm">
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 text-left font-medium">
                        Canal
                      </th>
                      {Object.values(REPLICATION_LABELS).map((l) => (
                        <th key={l} scope="col" className="py-1 pl-3 font-medium whitespace-nowrap">
                          {l}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {CHANNEL_IDS.map((c) => (
                      <tr key={c} className="border-t border-slate-100">
                        <th scope="row" className="py-1 text-left font-normal">
                          {CHANNEL_LABELS[c]}
                        </th>
                        {(Object.keys(REPLICATION_LABELS) as (keyof typeof REPLICATION_LABELS)[]).map((state) => {
                          const n = data.replication.find((r) => r.channel === c && r.state === state)?.n ?? 0;
                          return (
                            <CountCell
                              key={state}
                              n={n}
                              // The board has no filter for updates on the wire: they settle within seconds.
                              href={state === "sent" ? null : boardUrl({ channels: [c], replication: state })}
                              label={`${plural(n, "pedido", "pedidos")} de ${CHANNEL_LABELS[c]}: atualizações ${REPLICATION_LABELS[state].toLowerCase()}`}
                              alarm={state === "rejected"}
                            />
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="div-h" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="div-h" className="text-lg font-semibold">
                Divergências com o marketplace
              </h2>
              {data.divergences.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">Nenhuma divergência em aberto.</p>
              ) : (
                <ul className="mt-2 space-y-1 text-sm">
                  {data.divergences.map((d) => (
                    <li key={d.kind} className="flex justify-between">
                      <span>{DIVERGENCE_KIND_LABELS[d.kind]}</span>
                      <span className="tabular-nums">{d.n}</span>
                    </li>
                  ))}
                </ul>
              )}
              <Link href={boardUrl({ divergent: true })} className="mt-3 inline-block text-sm text-brand-700 underline">
                Ver pedidos divergentes
              </Link>
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function Figure({ href, n, label, tone }: { href: string; n: number; label: string; tone: "ok" | "warn" | "bad" }) {
  const colors = { ok: "border-slate-200", warn: "border-amber-300 bg-amber-50", bad: "border-red-300 bg-red-50" }[
    tone
  ];
  return (
    <Link href={href} className={`block rounded-lg border bg-white p-4 hover:shadow-sm ${colors}`}>
      <span className="block text-3xl font-semibold tabular-nums">{n}</span>
      <span className="text-sm text-slate-700">{label}</span>
    </Link>
  );
}

/** A figure of a table that opens the board filtered to exactly those orders; a zero (or no filter) links nowhere. */
function CountCell(props: { n: number; href: string | null; label: string; alarm?: boolean }) {
  if (!props.n) {
    return (
      <td className="py-1 tabular-nums">
        <span className="text-slate-500">0</span>
      </td>
    );
  }
  return (
    <td className="py-1 tabular-nums">
      {props.href ? (
        <Link
          href={props.href}
          aria-label={props.label}
          className={props.alarm ? "font-semibold text-red-700 hover:underline" : "text-brand-700 hover:underline"}
        >
          {props.n}
        </Link>
      ) : (
        <span title={props.label}>{props.n}</span>
      )}
    </td>
  );
}
