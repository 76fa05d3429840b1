// Calendar months and days as a seller in Brazil sees them. Brazil dropped DST in 2019, and every document this
// module checks is dated after that or only compared by month, so a fixed UTC-3 offset is exact enough.

const SAO_PAULO_OFFSET_MS = -3 * 60 * 60 * 1000;

function shifted(date: Date): Date {
  return new Date(date.getTime() + SAO_PAULO_OFFSET_MS);
}

/** Year and month (1-12) of `date` in America/Sao_Paulo. */
export function saoPauloYearMonth(date: Date): { year: number; month: number } {
  const d = shifted(date);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** A sortable month number (year * 12 + month - 1), to compare months without building dates. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/** The calendar day of `date` in America/Sao_Paulo as YYYY-MM-DD, which also sorts as text. */
export function saoPauloDay(date: Date): string {
  return shifted(date).toISOString().slice(0, 10);
}

export function formatMonthYear(year: number, month: number): string {
  return `${String(month).padStart(2, "0")}/${year}`;
}

/** ISO date-time as NF-e writes it (with UTC offset); one without an offset is read as Brasília time, not the server's. */
export function parseBrazilDateTime(text: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const date = new Date(`${match[1]}${match[2] ?? "-03:00"}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
