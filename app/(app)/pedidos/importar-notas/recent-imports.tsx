"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime, plural } from "@/server/domain/format";
import { useTRPC } from "../../../_trpc/client";

/** Uploads of the last days: one left before confirming reopens with its preview, a confirmed one with its results. */
export function RecentImports() {
  const trpc = useTRPC();
  const recent = useQuery(trpc.invoiceImports.recent.queryOptions());
  const imports = (recent.data ?? []).filter((i) => i.notes > 0);
  if (imports.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports" className="space-y-2">
      <h2 id="recent-imports" className="text-lg font-semibold">
        Envios anteriores
      </h2>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {imports.map((i) => (
          <li key={i.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
            <Link href={`/pedidos/importar-notas?envio=${i.id}`} className="font-medium text-brand-700 hover:underline">
              {i.closed ? "Ver o resultado do envio de" : "Continuar o envio de"} {formatDateTime(i.createdAt)}
            </Link>
            <span className="text-slate-700">
              {plural(i.notes, "nota", "notas")}, {plural(i.invoiced, "faturada", "faturadas")}.{" "}
              <span className={i.closed ? "text-slate-600" : "font-medium text-amber-800"}>{i.progress}</span>
            </span>
            <a href={`/api/invoice-imports/${i.id}/results`} className="ml-auto text-brand-700 underline">
              {i.closed ? "Resultado (CSV)" : "Conferência (CSV)"}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
