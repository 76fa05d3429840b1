import { isYmd, saoPauloDayEnd, saoPauloDayStart, toSaoPauloYmd } from "../time";

/** Days the money and trend figures cover when no period is chosen: a month ending today. */
export const DEFAULT_SALES_DAYS = 30;

const DAY_MS = 86_400_000;

export interface SalesPeriod {
  from: string;
  to: string;
}

function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The São Paulo days the money and trend figures add up. Unlike the counts, they read every order of the period,
 * so an open period is closed: up to today, and a month back when no start is given.
 */
export function salesPeriod(period: { from?: string; to?: string }, now: Date): SalesPeriod {
  const today = toSaoPauloYmd(now);
  const from = period.from && isYmd(period.from) ? period.from : undefined;
  const chosenTo = period.to && isYmd(period.to) ? period.to : undefined;
  const to = chosenTo ?? (from && from > today ? from : today);
  return { from: from ?? addDays(to, 1 - DEFAULT_SALES_DAYS), to };
}

/** Every day of the period, first to last, so a day without orders still shows as a zero. */
export function periodDays(period: SalesPeriod): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The instants the period spans, São Paulo midnight to midnight; day n of it starts n × 24 h after `start`. */
export function periodRange(period: SalesPeriod): { start: Date; end: Date } {
  return { start: saoPauloDayStart(period.from), end: saoPauloDayEnd(period.to) };
}

/** The day `index` days after the period's first, as the query's day buckets count them. */
export function dayOfPeriod(period: SalesPeriod, index: number): string {
  return addDays(period.from, index);
}
