export { formatBrl } from "./money";

import { SAO_PAULO_TZ } from "./time";

const dateTime = new Intl.DateTimeFormat("pt-BR", {
  timeZone: SAO_PAULO_TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat("pt-BR", {
  timeZone: SAO_PAULO_TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

export function formatDateTime(date: Date | number): string {
  return dateTime.format(date);
}

export function formatDate(date: Date | number): string {
  return dateOnly.format(date);
}

/** Lower-case and strip accents so "João" is found by "joao". */
export function searchableText(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();
}
