// One rule for every free-text field a person fills in (SPEC §3): reasons, notes, shipping method, observations.
// Whatever is typed here is shown to support and sent to a marketplace, so text made only of invisible characters
// must not pass for a reason, and characters that reorder or hide text must not reach anyone.
import { z } from "zod";
import { DomainError } from "../errors";

export type FreeTextRule = {
  /** The input's field name, so a form can put the message under it. */
  field: string;
  /** Least visible characters (letters, digits, punctuation, symbols); 0 for an optional text. */
  min: number;
  max: number;
  /** What the field is, with its article: "o motivo", "a observação". */
  what: string;
  /** Examples that help fill it in. */
  example?: string;
};

export const FREE_TEXT = {
  reason: { field: "reason", min: 5, max: 300, what: "o motivo" },
  restockNote: { field: "note", min: 0, max: 300, what: "a observação" },
  deliveryObservation: { field: "observation", min: 5, max: 500, what: "a descrição do problema de entrega" },
  supportNote: { field: "note", min: 5, max: 500, what: "a observação do que foi feito" },
  optionalSupportNote: { field: "note", min: 0, max: 500, what: "a observação" },
  shippingMethod: { field: "method", min: 2, max: 60, what: "a forma de envio", example: "PAC, SEDEX, Expresso" },
} as const satisfies Record<string, FreeTextRule>;

// Tab, line feed and carriage return are how people write; every other C0/C1 control (NUL above all) is not.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// Embedding, override and isolate controls make a text read differently from what it holds ("Trojan source").
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// What takes no visible place: white space, format characters (zero-width, BOM), combining marks alone, unassigned
// and private code points, and the fillers that render as blanks.
const INVISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\p{M}\p{Cn}\p{Co}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]/u;
const EDGES = /^[\s\p{Z}\p{Cf}]+|[\s\p{Z}\p{Cf}]+$/gu;

export type FreeTextCheck = { ok: true; text: string } | { ok: false; message: string };

function visibleLength(text: string): number {
  let count = 0;
  for (const char of text) if (!INVISIBLE.test(char)) count += 1;
  return count;
}

function capitalised(what: string): string {
  return what.charAt(0).toUpperCase() + what.slice(1);
}

/** The text as it is stored and sent: composed, without blanks or invisible characters at either end. */
export function checkFreeText(raw: string, rule: FreeTextRule): FreeTextCheck {
  if (CONTROL.test(raw) || BIDI_CONTROL.test(raw)) {
    return {
      ok: false,
      message: `${capitalised(rule.what)} tem caracteres de controle invisíveis (como os colados de outro programa); apague o texto e digite-o de novo.`,
    };
  }
  const text = raw.normalize("NFC").replace(EDGES, "");
  const visible = visibleLength(text);
  if (visible < rule.min) {
    return {
      ok: false,
      message: `Escreva ${rule.what}${rule.example ? ` (ex.: ${rule.example})` : ""} com pelo menos ${rule.min} caracteres (espaços e caracteres invisíveis não contam).`,
    };
  }
  if (text.length > rule.max) {
    return { ok: false, message: `${capitalised(rule.what)} pode ter até ${rule.max} caracteres; resuma o texto.` };
  }
  return { ok: true, text };
}

/** For domain commands: the clean text, or a DomainError on the rule's field. */
export function readFreeText(raw: string, rule: FreeTextRule): string {
  const checked = checkFreeText(raw, rule);
  if (!checked.ok) throw new DomainError("INVALID_INPUT", checked.message, rule.field);
  return checked.text;
}

/** For inputs: the same rule as a zod schema whose output is the clean text. */
export function freeTextInput(rule: FreeTextRule) {
  return z.string().transform((raw, ctx) => {
    const checked = checkFreeText(raw, rule);
    if (checked.ok) return checked.text;
    ctx.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  });
}
