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

const pluralRules = new Intl.PluralRules("pt-BR");

/**
 * A count with its noun in the right number, "1 pedido", "4 pedidos", "0 pedidos": never "pedido(s)". Portuguese
 * plurals are not always the noun plus "s" ("1 linha não aplicada", "2 envios registrados"), so the caller gives
 * both forms of the whole phrase after the number.
 */
export function plural(count: number, one: string, other: string): string {
  // CLDR's Portuguese puts 0 in "one"; Brazilian screens say "0 pedidos", so zero takes the plural.
  const form = count !== 0 && pluralRules.select(count) === "one" ? one : other;
  return `${count.toLocaleString("pt-BR")} ${form}`;
}
