"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsInteger, useQueryState } from "nuqs";
import { useRef, useState } from "react";
import { FormError, primaryButton, secondaryButton } from "../../../_components/form";
import { ManualChangeWarning } from "../../../_components/manual-change-warning";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";
import { ImportRows } from "./import-rows";
import { ImportSummary } from "./import-summary";
import { type ImportRowView, type ImportView, readyToApply } from "./import-view";
import { batchFiles, chunks, encodeFile } from "./upload-batches";

type Progress = { label: string; done: number; total: number } | null;

const APPLY_CHUNK = 5;

export function InvoiceImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [importId, setImportId] = useQueryState("envio", parseAsInteger.withOptions({ history: "push" }));
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const view = useQuery({
    ...trpc.invoiceImports.get.queryOptions({ importId: importId ?? 0 }),
    enabled: importId !== null,
  });
  const start = useMutation(trpc.invoiceImports.start.mutationOptions());
  const addFiles = useMutation(trpc.invoiceImports.addFiles.mutationOptions());
  const confirm = useMutation(trpc.invoiceImports.confirm.mutationOptions());
  const busy = progress !== null;

  function show(next: ImportView) {
    queryClient.setQueryData(trpc.invoiceImports.get.queryKey({ importId: next.id }), next);
  }

  async function send(files: File[]) {
    if (files.length === 0 || busy) return;
    setError(null);
    try {
      const id = importId ?? (await start.mutateAsync()).importId;
      if (importId === null) await setImportId(id);
      let done = 0;
      setProgress({ label: "Lendo e conferindo os arquivos", done, total: files.length });
      for (const batch of batchFiles(files)) {
        const encoded = await Promise.all(batch.map(encodeFile));
        show(await addFiles.mutateAsync({ importId: id, files: encoded }));
        done += batch.length;
        setProgress({ label: "Lendo e conferindo os arquivos", done, total: files.length });
      }
    } catch (e) {
      setError(toUiError(e).message);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
    }
  }

  async function apply(rows: ImportRowView[]) {
    if (importId === null) return;
    setError(null);
    const ids = rows.filter(readyToApply).map((r) => r.id);
    try {
      let done = 0;
      setProgress({ label: "Faturando os pedidos", done, total: ids.length });
      for (const chunk of chunks(ids, APPLY_CHUNK)) {
        await confirm.mutateAsync({ importId, rowIds: chunk });
        done += chunk.length;
        setProgress({ label: "Faturando os pedidos", done, total: ids.length });
      }
    } catch (e) {
      setError(toUiError(e).message);
    } finally {
      setProgress(null);
      await queryClient.invalidateQueries();
    }
  }

  const rows = view.data?.rows ?? [];
  const ready = rows.filter(readyToApply);
  const applied = rows.some((r) => r.result);

  return (
    <div className="space-y-4">
      <Link href="/pedidos" className="text-sm text-brand-700 hover:underline">
        ← Pedidos
      </Link>
      <h1 className="text-2xl font-semibold">Faturar com vários XMLs</h1>
      <p className="text-sm text-slate-700">
        Envie os XMLs das NF-e autorizadas, soltos ou em um .zip. Cada nota é conferida como no envio individual e
        ligada ao seu pedido pelo número do pedido na nota (xPed ou informações adicionais) ou, se não houver, pelo
        destinatário com o valor e a data. Nada muda nos pedidos antes de você conferir e confirmar.
      </p>
      <ManualChangeWarning />

      <section
        aria-label="Arquivos das notas"
        className={`rounded-lg border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void send([...e.dataTransfer.files]);
        }}
      >
        <p className="text-slate-700">Arraste os arquivos para cá ou</p>
        <label className="mt-2 inline-block">
          <span className={`${secondaryButton} cursor-pointer`}>
            {rows.length > 0 ? "Adicionar mais XMLs ou .zip" : "Escolher XMLs ou .zip"}
          </span>
          <input
            ref={input}
            type="file"
            multiple
            accept=".xml,.zip,application/xml,text/xml,application/zip"
            className="sr-only"
            disabled={busy}
            onChange={(e) => void send([...(e.target.files ?? [])])}
          />
        </label>
      </section>

      {progress && (
        <div aria-live="polite" className="space-y-1 text-sm">
          <label className="block text-slate-700">
            {progress.label}: {progress.done} de {progress.total}
            <progress className="mt-1 block h-2 w-full" max={Math.max(progress.total, 1)} value={progress.done} />
          </label>
        </div>
      )}
      <FormError message={error ?? (view.error ? toUiError(view.error).message : null)} />

      {view.data && rows.length > 0 && (
        <>
          <ImportSummary rows={rows} />
          <ImportRows importId={view.data.id} rows={rows} disabled={busy} onChange={show} />
          <div className="flex flex-wrap items-center gap-3">
            {ready.length > 0 && (
              <button type="button" className={primaryButton} disabled={busy} onClick={() => void apply(rows)}>
                Faturar {ready.length} {ready.length === 1 ? "pedido" : "pedidos"}
              </button>
            )}
            <a href={`/api/invoice-imports/${view.data.id}/results`} className="text-sm text-brand-700 underline">
              {applied ? "Baixar o resultado (CSV)" : "Baixar a conferência (CSV)"}
            </a>
            <button
              type="button"
              className="text-sm text-slate-700 underline"
              disabled={busy}
              onClick={() => void setImportId(null)}
            >
              Começar outro envio
            </button>
          </div>
        </>
      )}
    </div>
  );
}
