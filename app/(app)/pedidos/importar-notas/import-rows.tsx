"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CHANNEL_LABELS } from "@/server/domain/channels/channels";
import { formatDate } from "@/server/domain/format";
import { MATCH_SOURCE_LABELS, VERDICT_LABELS } from "@/server/domain/invoice-import/kinds";
import { formatBrl } from "@/server/domain/money";
import { inputClass, secondaryButton } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { messageOf } from "../../../_trpc/errors";
import type { ImportRowView, ImportView } from "./import-view";
import { NoteDifference } from "./note-difference";

const VERDICT_TONE: Record<ImportRowView["verdict"], string> = {
  matched: "bg-emerald-100 text-emerald-900",
  ambiguous: "bg-amber-100 text-amber-900",
  no_match: "bg-amber-100 text-amber-900",
  invalid: "bg-red-100 text-red-900",
};

type Props = {
  importId: number;
  rows: ImportRowView[];
  disabled: boolean;
  /** A confirmed upload shows its results only. */
  readOnly: boolean;
  onChange: (view: ImportView) => void;
};

// On a phone each note is a card (cells stacked): a five-column table would hide the order's and the note's values
// behind a sideways scroll.
const cell = "block px-3 py-1 sm:table-cell sm:py-2";

export function ImportRows(props: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Notas enviadas e o pedido de cada uma</caption>
        <thead className="hidden bg-slate-100 text-slate-700 sm:table-header-group">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              #
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Arquivo e nota
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Pedido
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Conferência
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Ações</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <ImportRow key={row.id} row={row} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function orderLabel(o: ImportRowView["candidates"][number]): string {
  return `${o.marketplaceCode} · ${CHANNEL_LABELS[o.channel]} · ${o.customerName} · ${formatBrl(o.totalCents)} · ${formatDate(o.placedAt)}`;
}

function ImportRow({ row, importId, disabled, readOnly, onChange }: Props & { row: ImportRowView }) {
  const trpc = useTRPC();
  const choose = useMutation(trpc.invoiceImports.chooseOrder.mutationOptions({ onSuccess: onChange }));
  const drop = useMutation(trpc.invoiceImports.setDropped.mutationOptions({ onSuccess: onChange }));
  const [code, setCode] = useState("");
  const [candidate, setCandidate] = useState(row.order ? String(row.order.id) : "");
  const error = choose.error ?? drop.error;
  const final = readOnly || row.result?.ok === true;
  const busy = disabled || choose.isPending || drop.isPending;
  const label = row.nfe ? `NF-e ${row.nfe.number}` : row.fileName;
  // Found, yet waiting for the seller: not the green of a note ready to go.
  const tone = row.difference && !row.difference.confirmed ? VERDICT_TONE.ambiguous : VERDICT_TONE[row.verdict];

  const codeForm = (
    <form
      className="mt-1 flex items-end gap-2 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        choose.mutate({ importId, rowId: row.id, choice: { orderCode: code } });
      }}
    >
      <label className="block min-w-0 flex-1">
        <span className="text-slate-700">
          {row.order ? "Ou informe outro pedido" : "Número do pedido"} para a {label}
        </span>
        <input className={inputClass} value={code} onChange={(e) => setCode(e.target.value)} disabled={busy} />
      </label>
      <button type="submit" className={secondaryButton} disabled={busy || code.trim() === ""}>
        Usar
      </button>
    </form>
  );

  return (
    <tr
      className={`block border-t border-slate-100 py-1 align-top sm:table-row sm:py-0 ${row.dropped ? "opacity-60" : ""}`}
    >
      <td className={`${cell} tabular-nums`}>
        <span className="sm:hidden">Linha </span>
        {row.position}
      </td>
      <td className={`${cell} sm:max-w-xs`}>
        <p className="break-all font-medium">{row.fileName}</p>
        {row.nfe && (
          <p className="text-xs text-slate-600">
            NF-e {row.nfe.number} série {row.nfe.series} · {formatBrl(row.nfe.totalCents)}
            {row.nfe.recipientName ? ` · ${row.nfe.recipientName}` : ""}
          </p>
        )}
      </td>
      <td className={cell}>
        {row.order && (
          <Link href={`/pedidos/${row.order.id}`} className="text-brand-700 hover:underline">
            {row.order.marketplaceCode}
          </Link>
        )}
        {row.order && <p className="text-xs text-slate-600">{row.order.customerName}</p>}
        {!final && row.canChoose && row.candidates.length > 1 && (
          <form
            className="mt-1 flex items-end gap-2 text-xs"
            onSubmit={(e) => {
              e.preventDefault();
              if (candidate) choose.mutate({ importId, rowId: row.id, choice: { orderId: Number(candidate) } });
            }}
          >
            <label className="block min-w-0 flex-1">
              <span className="text-slate-700">Pedido para a {label}</span>
              <select
                className={inputClass}
                value={candidate}
                disabled={busy}
                onChange={(e) => setCandidate(e.target.value)}
              >
                <option value="" disabled>
                  Escolha o pedido…
                </option>
                {row.candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {orderLabel(c)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={secondaryButton} disabled={busy || candidate === ""}>
              Usar
            </button>
          </form>
        )}
        {!final &&
          row.canChoose &&
          (row.verdict === "matched" ? (
            <details className="mt-1 text-xs">
              <summary className="cursor-pointer text-brand-700">Trocar o pedido</summary>
              {codeForm}
            </details>
          ) : (
            codeForm
          ))}
      </td>
      <td className={cell}>
        <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tone}`}>
          {VERDICT_LABELS[row.verdict]}
          {row.matchedBy && row.verdict === "matched" ? ` (${MATCH_SOURCE_LABELS[row.matchedBy]})` : ""}
        </span>
        <p className="mt-1 text-xs text-slate-700">{row.reason}</p>
        {row.difference && row.order && (
          <NoteDifference
            importId={importId}
            rowId={row.id}
            noteLabel={label}
            order={row.order}
            difference={row.difference}
            canConfirm={!final && !row.result && !row.dropped}
            disabled={busy}
            onChange={onChange}
          />
        )}
        {row.conflict && <p className="mt-1 text-xs font-medium text-amber-800">{row.conflict}</p>}
        {row.warnings.map((w) => (
          <p key={w} className="mt-1 text-xs text-amber-800">
            ⚠ {w}
          </p>
        ))}
        {row.result && (
          <p className={`mt-1 text-xs font-medium ${row.result.ok ? "text-emerald-800" : "text-red-700"}`}>
            {row.result.ok ? "✓" : "✗"} {row.result.message}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-1 text-xs font-medium text-red-700">
            {messageOf(error)}
          </p>
        )}
      </td>
      <td className={`${cell} sm:text-right`}>
        {!final && (
          <button
            type="button"
            className="text-xs text-slate-700 underline"
            disabled={busy}
            onClick={() => drop.mutate({ importId, rowId: row.id, dropped: !row.dropped })}
            aria-label={`${row.dropped ? "Manter" : "Descartar"} ${row.fileName}`}
          >
            {row.dropped ? "Manter" : "Descartar"}
          </button>
        )}
      </td>
    </tr>
  );
}
