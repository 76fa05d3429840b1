"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FormError, primaryButton, secondaryButton } from "../../../_components/form";
import { ManualChangeWarning } from "../../../_components/manual-change-warning";
import { useTRPC } from "../../../_trpc/client";
import { messageOf } from "../../../_trpc/errors";

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
      await queryClient.invalidateQueries();
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
      <label className="block text-sm">
        <span className="font-medium text-slate-700">Planilha (.csv)</span>
        <input
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block"
          onChange={(e) => void check(e.target.files?.[0])}
        />
      </label>
      <FormError message={run.error ? messageOf(run.error) : null} />
      {run.isPending && <p className="text-sm text-slate-600">Conferindo a planilha…</p>}
      {rows && (
        <>
          <p className="text-sm" aria-live="polite">
            {applied
              ? `${good} envio(s) registrado(s); ${rows.length - good} linha(s) não aplicada(s).`
              : `Conferência: ${good} de ${rows.length} linha(s) podem ser aplicadas. Nada foi alterado ainda.`}
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
                    <td className={`px-3 py-2 ${r.ok ? "text-emerald-800" : "text-red-700"}`}>
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
                Registrar {good} envio(s)
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
