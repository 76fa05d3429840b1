// Tracking data the seller enters once the order is invoiced (SPEC §3), checked field by field so the form can put
// each message next to its field. The zod schema is the shared raw shape; checkTracking holds the rules that need
// context (the invoice date, today).
import { z } from "zod";
import { checkFreeText, FREE_TEXT, freeTextInput } from "../text/free-text";
import { toSaoPauloYmd } from "../time";
import { CARRIER_IDS, isCarrierId } from "./carriers";
import { isValidS10, normalizeTrackingCode, S10_PATTERN, s10CheckDigit } from "./s10";

export { CARRIER_IDS, CARRIERS, type CarrierId, isCarrierId } from "./carriers";
export { isValidS10, normalizeTrackingCode, s10CheckDigit } from "./s10";

export const TRACKING_LIMITS = { codeMin: 5, codeMax: 40, urlMax: 200 } as const;

export type TrackingField = "carrier" | "code" | "method" | "url" | "handedAt";
export type TrackingFieldError = { field: TrackingField; message: string };

export type TrackingInput = {
  carrier: string;
  code: string;
  method: string;
  url?: string | null;
  /** YYYY-MM-DD as picked in the form (a São Paulo calendar day), or a Date. */
  handedAt: string | Date;
};

export type TrackingContext = { invoicedAt: Date; now?: Date };

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const HANDED_AT_FORMAT_MESSAGE =
  "Informe a data em que o pacote foi entregue à transportadora: um dia que exista, como 27/11/2026.";
const MESSAGES = {
  carrier: 'Escolha a transportadora na lista (ou "Outra").',
  codeEmpty: "Informe o código de rastreio.",
  urlLength: `O link de rastreio pode ter até ${TRACKING_LIMITS.urlMax} caracteres; use o link curto da transportadora.`,
  handedAtFormat: HANDED_AT_FORMAT_MESSAGE,
} as const;

/** Raw form/API input, all strings; shared by the UI form and the server procedure. */
export const trackingInputSchema = z.object({
  carrier: z.enum(CARRIER_IDS, { error: MESSAGES.carrier }),
  code: z
    .string()
    .trim()
    .min(1, MESSAGES.codeEmpty)
    .max(TRACKING_LIMITS.codeMax, `O código de rastreio pode ter até ${TRACKING_LIMITS.codeMax} caracteres.`),
  method: freeTextInput(FREE_TEXT.shippingMethod),
  url: z.string().trim().max(TRACKING_LIMITS.urlMax, MESSAGES.urlLength).optional(),
  handedAt: z.string().regex(DATE_PATTERN, MESSAGES.handedAtFormat),
});
export type TrackingInputRaw = z.input<typeof trackingInputSchema>;

export function checkTracking(input: TrackingInput, context: TrackingContext): TrackingFieldError[] {
  const errors: TrackingFieldError[] = [];
  const add = (field: TrackingField, message: string | null) => {
    if (message) errors.push({ field, message });
  };
  const carrierOk = isCarrierId(input.carrier);
  add("carrier", carrierOk ? null : MESSAGES.carrier);
  if (carrierOk) add("code", input.carrier === "correios" ? correiosCodeError(input.code) : otherCodeError(input.code));
  add("method", methodError(input.method));
  add("url", urlError(input.url));
  add("handedAt", handedAtError(input.handedAt, context));
  return errors;
}

function correiosCodeError(raw: string): string | null {
  const code = normalizeTrackingCode(raw);
  if (code === "") return "Informe o código de rastreio dos Correios (ex.: AA123456785BR).";
  if (!S10_PATTERN.test(code)) {
    return `O código dos Correios tem 13 caracteres: 2 letras, 9 números e 2 letras (ex.: AA123456785BR), e "${code}" não segue esse formato. Confira o código na etiqueta.`;
  }
  if (!isValidS10(code)) {
    return `O código "${code}" não confere: o dígito verificador (11º caractere) deveria ser ${s10CheckDigit(code.slice(2, 10))}, e não ${code.charAt(10)}. Confira o código na etiqueta.`;
  }
  // A valid S10 code of another postal service is a foreign parcel, never a Correios shipment from Brazil.
  if (!code.endsWith("BR")) {
    return `O código "${code}" termina em ${code.slice(11)}, de outro país; os códigos dos Correios terminam em BR (ex.: AA123456785BR). Confira o código na etiqueta.`;
  }
  return null;
}

function otherCodeError(raw: string): string | null {
  const code = normalizeTrackingCode(raw);
  if (code === "") return MESSAGES.codeEmpty;
  if (code.length < TRACKING_LIMITS.codeMin || code.length > TRACKING_LIMITS.codeMax) {
    return `O código de rastreio deve ter de ${TRACKING_LIMITS.codeMin} a ${TRACKING_LIMITS.codeMax} caracteres, e o informado tem ${code.length}. Confira o código no comprovante da transportadora.`;
  }
  const bad = /[^A-Z0-9./-]/.exec(code);
  if (bad) {
    return `O código de rastreio só pode ter letras, números, hífen (-), ponto (.) e barra (/); remova o caractere "${bad[0]}".`;
  }
  return null;
}

function methodError(raw: string): string | null {
  const checked = checkFreeText(raw, FREE_TEXT.shippingMethod);
  return checked.ok ? null : checked.message;
}

function urlError(raw: string | null | undefined): string | null {
  const url = raw?.trim() ?? "";
  if (url === "") return null;
  if (url.length > TRACKING_LIMITS.urlMax) return `${MESSAGES.urlLength} O informado tem ${url.length}.`;
  if (/[\p{Cc}\p{Cf}]/u.test(url)) {
    return "O link de rastreio tem caracteres invisíveis; copie de novo o link da página de rastreio da transportadora.";
  }
  let protocol = "";
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Not a URL at all; same message as a wrong scheme.
  }
  if (protocol === "http:" || protocol === "https:") return null;
  return "O link de rastreio deve ser um endereço completo começando com https:// ou http://. Copie o link da página de rastreio da transportadora, ou deixe em branco.";
}

function isCalendarDay(day: string): boolean {
  if (!DATE_PATTERN.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function brDate(day: string): string {
  return day.split("-").reverse().join("/");
}

function handedAtError(raw: string | Date, context: TrackingContext): string | null {
  const day = raw instanceof Date ? (Number.isNaN(raw.getTime()) ? "" : toSaoPauloYmd(raw)) : raw.trim();
  if (!isCalendarDay(day)) return MESSAGES.handedAtFormat;
  // Days in São Paulo, as the seller sees them: an invoice issued at 22:00 and a parcel posted the same evening
  // must pass even though UTC has moved on to the next day.
  const invoiceDay = toSaoPauloYmd(context.invoicedAt);
  if (day < invoiceDay) {
    return `A data de entrega à transportadora (${brDate(day)}) é anterior à emissão da nota fiscal (${brDate(invoiceDay)}). Informe o dia em que o pacote foi entregue, a partir de ${brDate(invoiceDay)}.`;
  }
  const today = toSaoPauloYmd(context.now ?? new Date());
  if (day > today) {
    return `A data de entrega à transportadora (${brDate(day)}) ainda não chegou. Informe o dia em que o pacote foi de fato entregue, até hoje (${brDate(today)}).`;
  }
  return null;
}
