import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceTokens } from "./match";

const code = fc.stringMatching(/^[A-Z]{2,4}-?\d{4,12}(-[A-Z])?$/);
const prose = fc.array(fc.constantFrom("Pedido", "ref.", "Trib", "aprox", "R$", "12,34", "IBPT", "(", ")", ":", "nº"), {
  maxLength: 8,
});

describe("referenceTokens", () => {
  it("keeps each xPed as written", () => {
    expect(referenceTokens({ purchaseOrders: [" 2000123456 ", "abc-99"], additionalInfo: null })).toEqual([
      "2000123456",
      "abc-99",
      "ABC-99",
    ]);
  });

  it("finds an order code anywhere in the additional-information text", () => {
    fc.assert(
      fc.property(prose, code, prose, (before, c, after) => {
        const text = [...before, c, ...after].join(" ");
        expect(referenceTokens({ purchaseOrders: [], additionalInfo: text })).toContain(c);
      }),
    );
  });

  it("ignores words without digits, so names and prose never match an order", () => {
    expect(referenceTokens({ purchaseOrders: [], additionalInfo: "Obrigado pela preferência, volte sempre" })).toEqual(
      [],
    );
  });

  it("bounds the lookup however long the text", () => {
    const text = Array.from({ length: 500 }, (_, i) => `PED${10_000 + i}`).join(" ");
    expect(referenceTokens({ purchaseOrders: [], additionalInfo: text }).length).toBeLessThanOrEqual(100);
  });
});
