import { DEADLINE_DAY_MS, DEADLINE_HOUR_MS } from "../schema";

/** A half-open range [from, to). */
export interface Range {
  from: number;
  to: number;
}

/**
 * How a count of deadlines in [from, to) (epoch ms) is read: whole UTC days from `order_deadline_counts`, whole
 * hours around them from `order_deadline_hour_counts`, and only the ragged ends from the deadline index itself.
 * "Late" ([0, now)) is then the days before today, today's hours before this one and this hour's part; "due today"
 * ([now, end of today)) this hour's rest and the hours after it.
 */
export interface DeadlineRangePieces {
  /** UTC day numbers (`deadline_at / DEADLINE_DAY_MS`). */
  days: Range | null;
  /** UTC hour numbers (`deadline_at / DEADLINE_HOUR_MS`). */
  hours: Range[];
  /** Instants read from the deadline index. */
  instants: Range[];
}

const HOURS_PER_DAY = DEADLINE_DAY_MS / DEADLINE_HOUR_MS;

function nonEmpty(ranges: Range[]): Range[] {
  return ranges.filter((r) => r.from < r.to);
}

export function splitDeadlineRange(from: number, to: number): DeadlineRangePieces {
  const firstHour = Math.ceil(from / DEADLINE_HOUR_MS);
  const endHour = Math.floor(to / DEADLINE_HOUR_MS);
  if (firstHour >= endHour) return { days: null, hours: [], instants: nonEmpty([{ from, to }]) };
  const instants = nonEmpty([
    { from, to: firstHour * DEADLINE_HOUR_MS },
    { from: endHour * DEADLINE_HOUR_MS, to },
  ]);
  const firstDay = Math.ceil(firstHour / HOURS_PER_DAY);
  const endDay = Math.floor(endHour / HOURS_PER_DAY);
  if (firstDay >= endDay) return { days: null, hours: [{ from: firstHour, to: endHour }], instants };
  const hours = nonEmpty([
    { from: firstHour, to: firstDay * HOURS_PER_DAY },
    { from: endDay * HOURS_PER_DAY, to: endHour },
  ]);
  return { days: { from: firstDay, to: endDay }, hours, instants };
}
