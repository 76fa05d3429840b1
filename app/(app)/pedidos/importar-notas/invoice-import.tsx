"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsInteger, useQueryState } from "nuqs";
import { useState } from "react";
import { formatDateTime, plural } from "@/server/domain/format";
import { UPLOAD_PROBLEMS } from "@/server/domain/invoice/xml-uploads";
import { FileDropZone } from "../../../_components/file-drop-zone";
import { FormError, primaryButton } from "../../../_components/form";
import { ManualChangeWarning } from "../../../_components/manual-change-warning";
import { useTRPC } from "../../../_trpc/client";
import { messageOf } from "../../../_trpc/errors";
import { invalidateOrderViews } from "../../../_trpc/invalidate";
import { ImportRows } from "./import-rows";
import { ImportSummary } from "./import-summary";
import type { ImportView } from "./import-view";
import { RecentImports } from "./recent-imports";
import { chunks, openUploads, toBatches } from "./upload-batches";

type Progress = { label: string; done: number; total: number } | null;

const APPLY_CHUNK = 5;

export function InvoiceImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [importId, setImportId] = useQueryState("envio", parseAsInteger.withOptions({ history: "push" }));
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);
  const view = useQuery({
    ...trpc.invoiceImports.get.queryOptions({ importId: importId ?? 0 }),
    enabled: importId !== null,
    retry: false,
  });
  const start = useMutation(trpc.invoiceImports.start.mutationOptions());
  const addFiles = useMutation(trpc.invoiceImports.addFiles.mutationOptions());
  const confirm = useMutation(trpc.invoiceImports.confirm.mutationOptions());
  const busy = progress !== null;
  // An address pointing at an upload that is gone (or another account's) starts a fresh one instead of failing.
  const currentId = view.error ? null : importId;

  async function show(next: ImportView) {
    const queryKey = trpc.invoiceImports.get.queryKey({ importId: next.id });
    // A read started when the address changed may still be in flight with fewer rows: it must not win.
    await queryClient.cancelQueries({ queryKey });
    queryClient.setQueryData(queryKey, next);
  }

  async function send(files: File[]) {
    if (files.length === 0) return;
    if (busy) {
      setError("Aguarde terminar a leitura em andamento antes de enviar mais arquivos.");
      return;
    }
    setError(null);
    try {
      setProgress({ label: "Abrindo os arquivos", done: 0, total: files.length });
      const entries = await openUploads(files, view.data?.rows.length ?? 0);
      if (!entries) {
        setError(UPLOAD_PROBLEMS.over_budget);
        return;
      }
      const id = currentId ?? (await start.mutateAsync()).importId;
      if (id !== importId) await setImportId(id);
      const batches = toBatches(entries);
      let done = 0;
      setProgress({ label: "Lendo e conferindo as notas", done, total: entries.length });
      for (const batch of batches) {
        await show(await addFiles.mutateAsync({ importId: id, ...batch }));
        done += batch.files.length + batch.problems.length;
        setProgress({ label: "Lendo e conferindo as notas", done, total: entries.length });
      }
      void queryClient.invalidateQueries({ queryKey: trpc.invoiceImports.recent.queryKey() });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setProgress(null);
    }
  }

  async function apply(rowIds: number[]) {
    if (currentId === null) return;
    setError(null);
    try {
      let done = 0;
      setProgress({ label: "Faturando os pedidos", done, total: rowIds.length });
      for (const chunk of chunks(rowIds, APPLY_CHUNK)) {
        await confirm.mutateAsync({ importId: currentId, rowIds: chunk });
        done += chunk.length;
        setProgress({ label: "Faturando os pedidos", done, total: rowIds.length });
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setProgress(null);
      await Promise.all([
        invalidateOrderViews(queryClient, trpc),
        queryClient.invalidateQueries(trpc.invoiceImports.pathFilter()),
      ]);
    }
  }

  const current = currentId !== null ? view.data : undefined;
  const rows = current?.rows ?? [];
  const ready = rows.filter((r) => r.ready);
  const applied = rows.some((r) => r.result);
  const closed = current?.closed === true;

  return (
    <div className="space-y-4">
      <Link href="/pedidos" className="text-sm text-brand-700 hover:underline">
        ← Pedidos
      </Link>
      <h1 className="text-2xl font-semibold">Faturar com vários XMLs</h1>
      <p className="text-sm text-slate-700">
        Envie os XMLs das NF-e autorizadas, soltos ou em um .zip (até 500 notas). Cada nota é conferida como no envio
        individual e ligada ao seu pedido pelo número do pedido na nota (xPed ou informações adicionais) ou, se não
        houver, pelo destinatário com o valor e a data. Nada muda nos pedidos antes de você conferir e confirmar.
      </p>
      <ManualChangeWarning />
      {current && rows.length > 0 && (
        <p role="status" className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-800">
          <span className="font-medium">Envio de {formatDateTime(current.createdAt)}</span> — {current.progress}
          {closed && " Para faturar outras notas, comece um novo envio."}
        </p>
      )}

      {!closed && (
        <FileDropZone
          inputLabel="Escolher XMLs ou .zip"
          accept=".xml,.zip,application/xml,text/xml,application/zip"
          multiple
          disabled={busy}
          onFiles={(files) => void send(files)}
        >
          <span className="font-medium text-slate-800">
            {rows.length > 0 ? "Arraste mais XMLs ou .zip aqui" : "Arraste os XMLs ou o .zip aqui"} ou clique para
            escolher
          </span>
          <span className="mt-1 text-xs text-slate-600">NF-e autorizadas, até 500 notas por envio</span>
        </FileDropZone>
      )}

      {progress && (
        <div aria-live="polite" className="text-sm">
          <label className="block text-slate-700">
            {progress.label}: {progress.done} de {progress.total}
            <progress className="mt-1 block h-2 w-full" max={Math.max(progress.total, 1)} value={progress.done} />
          </label>
        </div>
      )}
      <FormError message={error ?? (view.error ? messageOf(view.error) : null)} />

      {currentId !== null && rows.length > 0 && (
        <>
          <ImportSummary rows={rows} />
          <ImportRows importId={currentId} rows={rows} disabled={busy} readOnly={closed} onChange={show} />
          <div className="flex flex-wrap items-center gap-3">
            {ready.length > 0 && (
              <button
                type="button"
                className={primaryButton}
                disabled={busy}
                onClick={() => void apply(ready.map((r) => r.id))}
              >
                Faturar {plural(ready.length, "pedido", "pedidos")}
              </button>
            )}
            <a href={`/api/invoice-imports/${currentId}/results`} className="text-sm text-brand-700 underline">
              {applied ? "Baixar o resultado (CSV)" : "Baixar a conferência (CSV)"}
            </a>
          </div>
        </>
      )}
      {importId !== null && !busy && (
        <button type="button" className="text-sm text-slate-700 underline" onClick={() => void setImportId(null)}>
          Começar outro envio
        </button>
      )}
      {importId === null && <RecentImports />}
    </div>
  );
}
