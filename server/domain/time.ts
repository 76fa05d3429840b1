// Brazil abolished daylight saving time in 2019, so São Paulo is a fixed UTC−3. Keeping the offset
// explicit avoids depending on the server's time zone.
export const SAO_PAULO_TZ = "America/Sao_Paulo";
const OFFSET_MS = 3 * 60 * 60 * 1000;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYmd(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Start of the given São Paulo calendar day as an instant. */
export function saoPauloDayStart(ymd: string): Date {
  const m = YMD.exec(ymd);
  if (!m) throw new Error(`Invalid date ${ymd}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + OFFSET_MS);
}

/** Start of the São Paulo day after the given one: the exclusive end of a day range. */
export function saoPauloDayEnd(ymd: string): Date {
  return new Date(saoPauloDayStart(ymd).getTime() + 24 * 60 * 60 * 1000);
}

/** The São Paulo calendar day (YYYY-MM-DD) of an instant. */
export function toSaoPauloYmd(date: Date): string {
  return new Date(date.getTime() - OFFSET_MS).toISOString().slice(0, 10);
}

/** Year and month (1-12) of `date` in America/Sao_Paulo. */
export function saoPauloYearMonth(date: Date): { year: number; month: number } {
  const d = new Date(date.getTime() - OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** A sortable month number (year * 12 + month - 1), to compare months without building dates. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
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
