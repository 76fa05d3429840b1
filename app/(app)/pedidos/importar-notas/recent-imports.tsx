"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime } from "@/server/domain/format";
import { useTRPC } from "../../../_trpc/client";

export function RecentImports() {
  const trpc = useTRPC();
  const recent = useQuery(trpc.invoiceImports.recent.queryOptions());
  const imports = (recent.data ?? []).filter((i) => i.rows > 0);
  if (imports.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports" className="space-y-2">
      <h2 id="recent-imports" className="text-lg font-semibold">
        Envios anteriores
      </h2>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {imports.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
            <Link href={`/pedidos/importar-notas?envio=${i.id}`} className="text-brand-700 hover:underline">
              {formatDateTime(i.createdAt)}
            </Link>
            <span className="text-slate-700">
              {i.rows} {i.rows === 1 ? "nota" : "notas"}, {i.invoiced} {i.invoiced === 1 ? "faturada" : "faturadas"}
            </span>
            <a href={`/api/invoice-imports/${i.id}/results`} className="ml-auto text-brand-700 underline">
              Resultado (CSV)
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
