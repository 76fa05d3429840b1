"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { plural } from "@/server/domain/format";
import { FileDropZone } from "../../../_components/file-drop-zone";
import { FormError, primaryButton, secondaryButton } from "../../../_components/form";
import { ManualChangeWarning } from "../../../_components/manual-change-warning";
import { useTRPC } from "../../../_trpc/client";
import { messageOf } from "../../../_trpc/errors";
import { invalidateOrderViews } from "../../../_trpc/invalidate";

type Row = { line: number; orderCode: string; orderId: number | null; ok: boolean; message: string };

export function TrackingImport({ templateHref }: { templateHref: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [applied, setApplied] = useState(false);
  const run = useMutation(trpc.orders.importTracking.mutationOptions());

  async function check(file: File | undefined) {
    setRows(null);
    setApplied(false);
    setCsv(null);
    if (!file) return;
    const text = await file.text();
    setCsv({ name: file.name, text });
    setRows(await run.mutateAsync({ csv: text, apply: false }).catch(() => null));
  }

  async function apply() {
    if (!csv) return;
    const result = await run.mutateAsync({ csv: csv.text, apply: true }).catch(() => null);
    if (result) {
      setRows(result);
      setApplied(true);
      await invalidateOrderViews(queryClient, trpc);
    }
  }

  const good = rows?.filter((r) => r.ok).length ?? 0;
  return (
    <div className="space-y-4">
      <Link href="/pedidos" className="text-sm text-brand-700 hover:underline">
        ← Pedidos
      </Link>
      <h1 className="text-2xl font-semibold">Importar rastreios por planilha</h1>
      <p className="text-sm text-slate-700">
        Uma linha por pedido já faturado: Pedido, Transportadora, Código de rastreio, Forma de envio e Data de postagem
        (link de rastreio opcional). CSV separado por ponto e vírgula ou vírgula.{" "}
        <a href={templateHref} download="modelo-rastreios.csv" className="text-brand-700 underline">
          Baixar o modelo
        </a>
        .
      </p>
      <ManualChangeWarning />
      <FileDropZone
        inputLabel="Planilha (.csv)"
        accept=".csv,text/csv"
        disabled={run.isPending}
        onFiles={(files) => void check(files[0])}
      >
        <span className="font-medium text-slate-800">Arraste a planilha .csv aqui ou clique para escolher</span>
        <span className="mt-1 break-all text-xs text-slate-600">
          {csv ? `Planilha escolhida: ${csv.name}` : "Uma planilha por vez, com uma linha por pedido"}
        </span>
      </FileDropZone>
      <FormError message={run.error ? messageOf(run.error) : null} />
      {run.isPending && <p className="text-sm text-slate-600">Conferindo a planilha…</p>}
      {rows && (
        <>
          <p className="text-sm" aria-live="polite">
            {applied
              ? `${plural(good, "envio registrado", "envios registrados")}; ${plural(rows.length - good, "linha não aplicada", "linhas não aplicadas")}.`
              : `Conferência: ${good} de ${plural(rows.length, "linha pronta", "linhas prontas")} para aplicar. Nada foi alterado ainda.`}
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Linha
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Pedido
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Resultado
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.line} className="border-t border-slate-100">
                    <td className="px-3 py-2 tabular-nums">{r.line}</td>
                    <td className="px-3 py-2">
                      {r.orderId ? (
                        <Link href={`/pedidos/${r.orderId}`} className="text-brand-700 hover:underline">
                          {r.orderCode}
                        </Link>
                      ) : (
                        r.orderCode || "—"
                      )}
                    </td>
                    <td className={`break-words px-3 py-2 ${r.ok ? "text-emerald-800" : "text-red-700"}`}>
                      {r.ok ? "✓" : "✗"} {r.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!applied && good > 0 && (
            <div className="flex gap-2">
              <button type="button" className={primaryButton} disabled={run.isPending} onClick={() => void apply()}>
                Registrar {plural(good, "envio", "envios")}
              </button>
              <button type="button" className={secondaryButton} onClick={() => void check(undefined)}>
                Cancelar
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
