import { plural } from "@/server/domain/format";
import { ORDER_STATUSES, type OrderStatus, STATUS_TAB_LABELS } from "@/server/domain/orders/status";

/** The status tabs with their counts, from a tablet up (a phone picks the status in the folded filters). */
export function StatusTabs(props: {
  active: OrderStatus | null;
  counts: { all?: number; byStatus?: Record<OrderStatus, number> };
  failed: boolean;
  onSelect: (status: OrderStatus | null) => void;
}) {
  return (
    <nav aria-label="Filtrar por status" className="hidden flex-wrap gap-1 border-b border-slate-200 pb-2 sm:flex">
      <CountButton
        label="Todos"
        count={props.counts.all}
        failed={props.failed}
        active={!props.active}
        current="page"
        onClick={() => props.onSelect(null)}
      />
      {ORDER_STATUSES.map((s) => (
        <CountButton
          key={s}
          label={STATUS_TAB_LABELS[s]}
          count={props.counts.byStatus?.[s]}
          failed={props.failed}
          active={props.active === s}
          current="page"
          onClick={() => props.onSelect(s)}
        />
      ))}
    </nav>
  );
}

/**
 * A filter button that carries its count: a tab (`aria-current`) or a toggle (`aria-pressed`). The count is
 * "…" while it loads and "–" when it could not be read.
 */
export function CountButton(props: {
  label: string;
  count: number | undefined;
  failed: boolean;
  active: boolean;
  current: "page" | "pressed";
  tone?: "brand" | "late";
  onClick: () => void;
}) {
  const late = props.tone === "late";
  const activeTone = late ? "border-red-700 bg-red-700 text-white" : "border-brand-600 bg-brand-600 text-white";
  // A toggle stands alone, so it gets a border; tabs sit in a row under their own line.
  const idleTone =
    props.current === "pressed"
      ? late
        ? "border-red-300 bg-white text-red-800 hover:bg-red-50"
        : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
      : "border-transparent text-slate-700 hover:bg-slate-100";
  const countTone = props.active ? "text-white" : late ? "text-red-800" : "text-slate-600";
  return (
    <button
      type="button"
      aria-current={props.current === "page" && props.active ? "page" : undefined}
      aria-pressed={props.current === "pressed" ? props.active : undefined}
      aria-label={
        props.count === undefined ? props.label : `${props.label}: ${plural(props.count, "pedido", "pedidos")}`
      }
      onClick={props.onClick}
      className={`rounded-md border px-3 py-1.5 text-sm ${props.active ? activeTone : idleTone}`}
    >
      {props.label}
      <span className={`ml-1.5 font-medium tabular-nums ${countTone}`}>
        {props.count?.toLocaleString("pt-BR") ?? (props.failed ? "–" : "…")}
      </span>
    </button>
  );
}
