"use client";

import { useId, useState } from "react";
import { CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { DIVERGENCE_KIND_LABELS } from "@/server/domain/divergences/kinds";
import { formatDateTime } from "@/server/domain/format";
import { formatAccessKeyGroups } from "@/server/domain/invoice/access-key";
import { STATUS_LABELS } from "@/server/domain/orders/status";
import { secondaryButton } from "../../../_components/form";
import { openedAgo } from "./age";
import {
  ACTION_LABELS,
  type ActionNotice,
  type DivergenceAction,
  DivergenceActionDialog,
} from "./divergence-action-dialog";
import { type DivergenceRow, readSide, type SideState } from "./divergence-row";
import { StaffOrderLink } from "./order-link";

const ACTIONS: DivergenceAction[] = ["resend", "acceptMarketplace", "handleManually", "resolve"];

const FIELDS: { key: keyof SideState; label: string; format: (value: string) => string; mono?: boolean }[] = [
  { key: "status", label: "Status", format: (v) => STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? v },
  { key: "accessKey", label: "Chave da NF-e", format: formatAccessKeyGroups, mono: true },
  { key: "trackingCode", label: "Código de rastreio", format: (v) => v, mono: true },
];

export function DivergenceCard(props: { row: DivergenceRow; now: number; onDone: (notice: ActionNotice) => void }) {
  const { row } = props;
  const headingId = useId();
  const [action, setAction] = useState<DivergenceAction | null>(null);
  const hub = readSide(row.hubState);
  const marketplace = readSide(row.marketplaceState);
  const channel = CHANNEL_LABELS[row.channel];

  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            <StaffOrderLink accountId={row.accountId} orderId={row.orderId} className="text-brand-700 hover:underline">
              Pedido {row.marketplaceCode}
            </StaffOrderLink>
          </h2>
          <p className="text-sm text-slate-600">
            {row.tradeName} · {channel}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">
            {DIVERGENCE_KIND_LABELS[row.kind]}
          </span>
          <time dateTime={row.openedAt.toISOString()} title={formatDateTime(row.openedAt)} className="text-slate-600">
            {openedAgo(row.openedAt, props.now)}
          </time>
        </div>
      </div>

      <p className="text-sm text-slate-800">
        <span className="font-medium">Causa provável:</span> {row.likelyCause.replace(/[.!?]\s*$/, "")}.
      </p>
      {row.handledManuallyAt && (
        <p className="text-sm text-amber-900">
          Pedido tratado manualmente desde {formatDateTime(row.handledManuallyAt)}: o Fluxo não o sincroniza mais.
        </p>
      )}

      <div className="overflow-x-auto">
        <table className="w-full table-fixed text-left text-sm">
          <caption className="sr-only">Pedido no Fluxo e em {channel}, lado a lado</caption>
          <thead className="text-slate-600">
            <tr>
              <td className="w-44" />
              <th scope="col" className="px-2 py-1 font-medium">
                No Fluxo
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Em {channel}
              </th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field, index) => {
              const hubValue = hub?.[field.key] ?? null;
              const marketplaceValue = marketplace?.[field.key] ?? null;
              const differs = marketplace !== null && hubValue !== marketplaceValue;
              const cell = `px-2 py-1.5 align-top ${field.mono ? "font-mono text-xs break-all" : ""} ${differs ? "bg-red-50 font-semibold text-red-900" : ""}`;
              return (
                <tr key={field.key} className="border-t border-slate-100">
                  <th scope="row" className="py-1.5 pr-2 align-top font-medium text-slate-700">
                    {field.label}
                    {differs && (
                      <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">
                        diferente
                      </span>
                    )}
                  </th>
                  <td className={cell}>{hubValue ? field.format(hubValue) : "—"}</td>
                  {marketplace ? (
                    <td className={cell}>{marketplaceValue ? field.format(marketplaceValue) : "—"}</td>
                  ) : (
                    index === 0 && (
                      <td rowSpan={FIELDS.length} className="px-2 py-1.5 align-top text-amber-900">
                        Não foi possível ler o marketplace na última conferência.
                      </td>
                    )
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {hub?.status && hub.status !== row.orderStatus && (
        <p className="text-xs text-slate-600">
          O pedido mudou depois desta conferência: agora está “{STATUS_LABELS[row.orderStatus]}”.
        </p>
      )}

      <div className="flex flex-wrap gap-2">
        {ACTIONS.map((a) => (
          <button key={a} type="button" className={secondaryButton} onClick={() => setAction(a)}>
            {ACTION_LABELS[a]}
          </button>
        ))}
      </div>
      <DivergenceActionDialog
        action={action}
        row={row}
        hub={hub}
        marketplace={marketplace}
        onClose={() => setAction(null)}
        onDone={props.onDone}
      />
    </article>
  );
}
