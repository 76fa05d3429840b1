import type { DeadlineFilter } from "@/server/domain/orders/deadline-kinds";
import { CountButton } from "./status-tabs";

/** "Atrasados" and "Vencem hoje", one click from the board on any screen, each with how many orders it holds. */
export function DeadlineShortcuts(props: {
  active: DeadlineFilter | undefined;
  late: number | undefined;
  dueToday: number | undefined;
  failed: boolean;
  onSelect: (deadline: DeadlineFilter | null) => void;
}) {
  const toggle = (filter: DeadlineFilter) => props.onSelect(props.active === filter ? null : filter);
  return (
    <fieldset className="flex flex-wrap gap-2">
      <legend className="sr-only">Prazos</legend>
      <CountButton
        label="Atrasados"
        count={props.late}
        failed={props.failed}
        active={props.active === "late"}
        current="pressed"
        tone="late"
        onClick={() => toggle("late")}
      />
      <CountButton
        label="Vencem hoje"
        count={props.dueToday}
        failed={props.failed}
        active={props.active === "today"}
        current="pressed"
        onClick={() => toggle("today")}
      />
    </fieldset>
  );
}
