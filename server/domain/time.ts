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

const BR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A day as a person types it, dd/mm/aaaa (one-digit day or month accepted), or as an API client sends it,
 * YYYY-MM-DD: the ISO day, or null when it is no real calendar day. Forms never rely on the browser's own date
 * input, which shows and reads dates in the browser's language.
 */
export function parseBrDate(text: string): string | null {
  const value = text.trim();
  if (YMD.test(value)) return isYmd(value) ? value : null;
  const m = BR_DATE.exec(value);
  if (!m) return null;
  const ymd = `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return isYmd(ymd) ? ymd : null;
}

/** An ISO day (YYYY-MM-DD) as dd/mm/aaaa. */
export function formatBrDate(ymd: string): string {
  return ymd.split("-").reverse().join("/");
}

/**
 * What a dd/mm/aaaa field shows while the person types: the digits typed, slashes put in as they go, at most
 * eight digits. Anything else typed (letters, dashes, dots) is dropped.
 */
export function maskBrDate(typed: string): string {
  // A day pasted from a spreadsheet or a system in ISO form is the same day, not eight digits to regroup.
  if (YMD.test(typed.trim())) return formatBrDate(typed.trim());
  const digits = typed.replace(/\D/g, "").slice(0, 8);
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter((part) => part !== "").join("/");
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
