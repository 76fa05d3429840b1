"use client";

import { useRef, useState } from "react";
import type { BoardFilters } from "@/server/domain/orders/board-filters";
import { boardUrl } from "@/server/domain/orders/board-url";
import { secondaryButton } from "../../_components/form";

/**
 * Downloads the board's current filter as CSV. The server streams it; here the rows are counted as they
 * arrive against the board's own count, so a long export shows how far it got.
 */
export function ExportButton({ filters, total }: { filters: BoardFilters; total: number | undefined }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function run() {
    setError(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const query = boardUrl(filters).split("?")[1] ?? "";
      const res = await fetch(`/api/export/pedidos?${query}`, { signal: abort.current.signal });
      if (!res.ok || !res.body) throw new Error(await res.text());
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        for (const byte of value) if (byte === 10) lines++;
        setProgress(lines - 1);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "pedidos.csv";
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError("Não foi possível exportar agora. Tente de novo em instantes.");
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  const percent = progress !== null && total ? Math.min(100, Math.round((progress / total) * 100)) : null;
  return (
    <div className="flex items-center gap-2 text-sm">
      {progress === null ? (
        <button type="button" className={secondaryButton} onClick={() => void run()}>
          Exportar CSV
        </button>
      ) : (
        <>
          <progress max={100} value={percent ?? undefined} aria-label="Progresso da exportação" className="w-32" />
          <span aria-live="polite" data-testid="export-progress">
            {progress.toLocaleString("pt-BR")} {total ? `de ${total.toLocaleString("pt-BR")}` : ""} pedidos
          </span>
          <button type="button" className="text-brand-700 underline" onClick={() => abort.current?.abort()}>
            Cancelar
          </button>
        </>
      )}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
