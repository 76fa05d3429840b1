import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFreeText, FREE_TEXT, freeTextInput } from "./free-text";

const reason = FREE_TEXT.reason;

// Characters that take no visible place: what "text made of nothing" is built from.
const INVISIBLES = [
  " ",
  "\t",
  "\n",
  "\u00A0", // no-break space
  "\u200B", // zero-width space
  "\u200C",
  "\u200D",
  "\u2060", // word joiner
  "\uFEFF", // byte order mark
  "\u3000", // ideographic space
  "\u3164", // Hangul filler
  "\u0301", // combining acute accent, alone
  "\u00AD", // soft hyphen
];
const REFUSED = ["\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u202E", "\u202D", "\u2066", "\u2069"];

describe("free text", () => {
  it("trims blanks and invisible characters at either end and keeps the rest composed", () => {
    expect(checkFreeText("\u200B  Cliente desistiu \uFEFF\n", reason)).toEqual({ ok: true, text: "Cliente desistiu" });
    expect(checkFreeText("Sem estoque no depo\u0301sito", reason)).toEqual({
      ok: true,
      text: "Sem estoque no depósito",
    });
  });

  it("refuses text made only of invisible characters, whatever their number", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...INVISIBLES), { minLength: 0, maxLength: 80 }), (chars) => {
        const result = checkFreeText(chars.join(""), reason);
        expect(result).toEqual({
          ok: false,
          message: "Escreva o motivo com pelo menos 5 caracteres (espaços e caracteres invisíveis não contam).",
        });
      }),
    );
  });

  it("counts only visible characters towards the minimum", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzçãé0123456789.,!?-"), { minLength: 0, maxLength: 9 }),
        fc.array(fc.constantFrom(...INVISIBLES), { maxLength: 10 }),
        (visible, padding) => {
          // Invisible characters woven between the visible ones never make up for a missing one.
          const text = visible.map((c, i) => `${c}${padding[i] ?? ""}`).join("");
          expect(checkFreeText(text, reason).ok).toBe(visible.length >= reason.min);
        },
      ),
    );
  });

  it("refuses NUL, other control characters and bidirectional overrides anywhere, naming the field", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 5, maxLength: 40 }),
        fc.constantFrom(...REFUSED),
        fc.nat(),
        (text, bad, at) => {
          const i = at % (text.length + 1);
          const result = checkFreeText(`Cliente ${text.slice(0, i)}${bad}${text.slice(i)} desistiu`, reason);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toMatch(/^O motivo tem caracteres de controle invisíveis/);
        },
      ),
    );
  });

  it("accepts tabs and line breaks inside a longer text, and emoji joined by zero-width joiners", () => {
    expect(checkFreeText("Caixa chegou\namassada;\tcliente recusou", FREE_TEXT.deliveryObservation).ok).toBe(true);
    expect(checkFreeText("Entregue ao porteiro 👨‍👩‍👧", FREE_TEXT.deliveryObservation).ok).toBe(true);
  });

  it("refuses a text past the maximum, and lets an optional one be empty", () => {
    expect(checkFreeText("a".repeat(301), reason)).toEqual({
      ok: false,
      message: "O motivo pode ter até 300 caracteres; resuma o texto.",
    });
    expect(checkFreeText(" \u200B ", FREE_TEXT.restockNote)).toEqual({ ok: true, text: "" });
  });

  it("as an input schema, gives the clean text or the same message on the field", () => {
    const schema = freeTextInput(FREE_TEXT.shippingMethod);
    expect(schema.parse("  SEDEX\u200B")).toBe("SEDEX");
    const failed = schema.safeParse("\u0000\u0000\u0000");
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toMatch(/^A forma de envio tem caracteres de controle/);
    expect(schema.safeParse("\u200B\u200B").error?.issues[0]?.message).toBe(
      "Escreva a forma de envio (ex.: PAC, SEDEX, Expresso) com pelo menos 2 caracteres (espaços e caracteres invisíveis não contam).",
    );
  });
});
