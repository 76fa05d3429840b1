import type { Range } from "../../../db/queries/deadline-ranges";
import type { BoardQuery, DeadlineRange, OrderFilters, OrderSearch } from "../../../db/queries/orders";
import { searchableText } from "../format";
import { saoPauloDayEnd, saoPauloDayStart } from "../time";
import type { BoardFilters } from "./board-filters";
import type { DeadlineFilter } from "./deadline-kinds";
import { endOfToday, STATUSES_WITH_DEADLINE } from "./deadlines";
import { comparableCode } from "./order-code";

const HOUR_MS = 3_600_000;

/** The instants a deadline filter stands for: past deadlines, or those from now to the end of São Paulo's day. */
function deadlineRange(filter: DeadlineFilter, now: Date): DeadlineRange {
  const at = now.getTime();
  return filter === "late" ? { filter, from: 0, to: at } : { filter, from: at, to: endOfToday(now).getTime() };
}

/** One search box for code, customer name, CPF/CNPJ, NF-e key and tracking code: each lookup's form of the text. */
function orderSearch(q: string | undefined): OrderSearch | undefined {
  const typed = q?.trim();
  if (!typed) return undefined;
  const nameWords = searchableText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
  return { code: comparableCode(typed), nameWords };
}

/** The board's filters at `now` as the queries take them: São Paulo days and ages as instants, the search read. */
export function orderFilters(filters: BoardFilters, now = new Date()): OrderFilters {
  return {
    status: filters.status,
    channels: filters.channels,
    placedFrom: filters.from ? saoPauloDayStart(filters.from).getTime() : undefined,
    placedBefore: filters.to ? saoPauloDayEnd(filters.to).getTime() : undefined,
    search: orderSearch(filters.q),
    stuckSince: filters.stuckForHours ? now.getTime() - filters.stuckForHours * HOUR_MS : undefined,
    deliveryEstimateBefore: filters.lateDelivery ? now.getTime() : undefined,
    replication: filters.replication,
    divergent: filters.divergent,
    notCanceled: filters.notCanceled,
    deadline: filters.deadline ? deadlineRange(filters.deadline, now) : undefined,
  };
}

/** A board page's and its figures' query at `now`: the filters, both deadline figures' ranges, the status's deadline. */
export function boardQuery(filters: BoardFilters, now = new Date()): BoardQuery {
  const late: Range = deadlineRange("late", now);
  const today: Range = deadlineRange("today", now);
  return {
    filters: orderFilters(filters, now),
    deadlineRanges: { late, today },
    statusMayHaveDeadline: !filters.status || STATUSES_WITH_DEADLINE.includes(filters.status),
  };
}
