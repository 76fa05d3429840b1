import { formatDate, formatDateTime } from "@/server/domain/format";
import { DEADLINE_LABELS, type DeadlineKind } from "@/server/domain/orders/deadline-kinds";
import { deadlineState } from "@/server/domain/orders/deadlines";

/**
 * A row's next deadline: what is due by when, "hoje" for today, red and said "Atrasado" once past (the colour is
 * never the only sign).
 */
export function DeadlineCell({ at, kind }: { at: number | null; kind: DeadlineKind | null }) {
  if (at === null || kind === null) return <span className="text-slate-600">Sem prazo</span>;
  const state = deadlineState(new Date(at), new Date());
  const when = state === "upcoming" ? formatDateTime(at) : formatDateTime(at).replace(formatDate(at), "hoje");
  return (
    <span className={`block ${state === "late" ? "font-medium text-red-700" : ""}`}>
      <span className={`block text-xs ${state === "late" ? "" : "text-slate-600"}`}>{DEADLINE_LABELS[kind]}</span>
      <span className="whitespace-nowrap">{state === "late" ? `Atrasado: ${formatDateTime(at)}` : when}</span>
    </span>
  );
}
