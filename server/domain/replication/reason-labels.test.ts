import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBareCode, MARKETPLACE_CODE_LABELS, readableReason, translateCodes } from "./reason-labels";

describe("marketplace reasons in words", () => {
  it("drops a code beside the words that already say it and names a field or kind the sentence quotes", () => {
    expect(translateCodes("Informe antes um problema de entrega (delivery_problem) e depois cancele.")).toBe(
      "Informe antes um problema de entrega e depois cancele.",
    );
    expect(translateCodes("payload.accessKey: a chave de acesso deve ter exatamente 44 caracteres.")).toBe(
      "a chave de acesso deve ter exatamente 44 caracteres.",
    );
    expect(translateCodes('envie uma atualização "invoice" com a chave')).toBe(
      "envie uma atualização “nota fiscal” com a chave",
    );
  });

  it("translates a code that adds meaning to the sentence and keeps one it does not know", () => {
    expect(translateCodes("O Mercado Livre recusou (“The body is not an NF-e XML (invalid_invoice)”).")).toBe(
      "O Mercado Livre recusou (“The body is not an NF-e XML (arquivo que não é uma NF-e)”).",
    );
    expect(translateCodes("Recusado (weird_code).")).toBe("Recusado (weird_code).");
  });

  it("turns a bare code into a sentence, known or not", () => {
    expect(readableReason("delivery_problem")).toBe("Motivo informado pelo marketplace: problema de entrega.");
    expect(readableReason("SELLER_OUT_OF_STOCK")).toBe("Motivo informado pelo marketplace: sem estoque.");
    expect(readableReason("carrier_lost_parcel")).toBe(
      "O marketplace respondeu só com um código que o Fluxo ainda não traduz (carrier_lost_parcel); fale com o suporte do Fluxo antes de reenviar.",
    );
    expect(readableReason(null)).toBe(
      "O marketplace não disse o motivo; fale com o suporte do Fluxo antes de reenviar.",
    );
  });

  it("never leaves a reason that is only a code, whatever the marketplace sends", () => {
    const codes = fc.oneof(
      fc.constantFrom(...Object.keys(MARKETPLACE_CODE_LABELS)),
      fc.stringMatching(/^[a-z]{1,8}(_[a-z]{1,8}){1,3}$/),
      fc.stringMatching(/^[A-Z]{2,8}(_[A-Z]{1,8}){0,3}$/),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.option(codes, { nil: null }), (reason) => {
        const text = readableReason(reason);
        return text.trim() !== "" && !isBareCode(text);
      }),
    );
  });
});
