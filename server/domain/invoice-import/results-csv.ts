import { formatBrl } from "../money";
import { MATCH_SOURCE_LABELS, VERDICT_LABELS } from "./kinds";
import type { ImportRowView } from "./view";

export const RESULTS_CSV_HEADERS = [
  "Linha",
  "Arquivo",
  "Chave de acesso",
  "NF-e",
  "Valor",
  "Pedido",
  "Conferência",
  "Como foi encontrado",
  "Motivo",
  "Avisos",
  "Resultado",
] as const;

function outcome(row: ImportRowView): string {
  if (row.result) return row.result.ok ? row.result.message : `Não aplicada: ${row.result.message}`;
  if (row.dropped) return "Descartada por você";
  if (row.difference && !row.difference.confirmed) {
    const values = row.difference.items.map((d) => `${d.label}: ${d.order} no pedido, ${d.note} na nota`).join("; ");
    return `Não aplicada: aguarda você confirmar a diferença (${values})`;
  }
  return "Não aplicada";
}

export function resultsCsvRecord(row: ImportRowView): string[] {
  return [
    String(row.position),
    row.fileName,
    row.nfe?.accessKey ?? "",
    row.nfe ? `${row.nfe.number}/${row.nfe.series}` : "",
    row.nfe ? formatBrl(row.nfe.totalCents) : "",
    row.order?.marketplaceCode ?? "",
    VERDICT_LABELS[row.verdict],
    row.matchedBy ? MATCH_SOURCE_LABELS[row.matchedBy] : "",
    row.conflict ?? row.reason,
    row.warnings.join(" "),
    outcome(row),
  ];
}
