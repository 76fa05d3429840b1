import { DIFFERENCE_TO_CONFIRM_LABEL, VERDICT_LABELS } from "@/server/domain/invoice-import/kinds";
import type { ImportRowView } from "./import-view";

export function ImportSummary({ rows }: { rows: ImportRowView[] }) {
  const kept = rows.filter((r) => !r.dropped);
  const count = (verdict: ImportRowView["verdict"]) =>
    kept.filter((r) => r.verdict === verdict && !r.result && !r.conflict).length;
  const invoiced = rows.filter((r) => r.result?.ok).length;
  const failed = rows.filter((r) => r.result && !r.result.ok).length;
  const toConfirm = kept.filter((r) => r.difference && !r.difference.confirmed && !r.result && !r.conflict).length;
  const items = [
    { label: "Faturados", value: invoiced, tone: "text-emerald-800" },
    { label: "Prontos para faturar", value: rows.filter((r) => r.ready).length, tone: "text-emerald-800" },
    { label: DIFFERENCE_TO_CONFIRM_LABEL, value: toConfirm, tone: "text-amber-800" },
    { label: "Em conflito", value: kept.filter((r) => r.conflict).length, tone: "text-amber-800" },
    { label: VERDICT_LABELS.ambiguous, value: count("ambiguous"), tone: "text-amber-800" },
    { label: VERDICT_LABELS.no_match, value: count("no_match"), tone: "text-amber-800" },
    { label: VERDICT_LABELS.invalid, value: count("invalid"), tone: "text-red-700" },
    { label: "Não aplicados", value: failed, tone: "text-red-700" },
    { label: "Descartados", value: rows.length - kept.length, tone: "text-slate-700" },
  ].filter((i) => i.value > 0);
  return (
    <dl aria-label="Resumo do envio" className="flex flex-wrap gap-3 text-sm" aria-live="polite">
      {items.map((i) => (
        <div key={i.label} className="rounded-md border border-slate-200 bg-white px-3 py-2">
          <dt className="text-slate-600">{i.label}</dt>
          <dd className={`text-lg font-semibold tabular-nums ${i.tone}`}>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
