import type { BoardFilters } from "@/server/domain/orders/board-filters";

const REPLICATION_FILTER_LABELS = {
  held: "retidas",
  pending: "pendentes",
  retrying: "em nova tentativa",
  rejected: "recusadas",
} as const;

export type SpecialKey = "paradoHa" | "atrasado" | "replicacao" | "divergente" | "semCancelados";

/** The dashboard's filters a link can bring to the board, each named so the seller can take it off. */
export function specialFilters(filters: BoardFilters): { label: string; key: SpecialKey }[] {
  const special: { label: string; key: SpecialKey }[] = [];
  if (filters.stuckForHours)
    special.push({ label: `No status atual há mais de ${filters.stuckForHours} h`, key: "paradoHa" });
  if (filters.lateDelivery) special.push({ label: "Entrega atrasada", key: "atrasado" });
  if (filters.replication)
    special.push({ label: `Sincronização: ${REPLICATION_FILTER_LABELS[filters.replication]}`, key: "replicacao" });
  if (filters.divergent) special.push({ label: "Divergentes do marketplace", key: "divergente" });
  if (filters.notCanceled) special.push({ label: "Sem os cancelados", key: "semCancelados" });
  return special;
}

export function SpecialFilters({
  filters,
  onRemove,
}: {
  filters: { label: string; key: SpecialKey }[];
  onRemove: (key: SpecialKey) => void;
}) {
  if (filters.length === 0) return null;
  return (
    <ul aria-label="Filtros do painel" className="flex flex-wrap gap-2 text-sm">
      {filters.map((f) => (
        <li key={f.label} className="flex items-center gap-1 rounded-full bg-brand-50 px-3 py-1 text-brand-900">
          {f.label}
          <button
            type="button"
            className="font-bold"
            aria-label={`Remover filtro: ${f.label}`}
            onClick={() => onRemove(f.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
