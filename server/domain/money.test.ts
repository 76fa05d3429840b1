import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalTextToCents, formatBrl } from "./money";

describe("money", () => {
  it("converts NF-e decimal text to cents without floating point", () => {
    expect(decimalTextToCents("500.00")).toBe(50000);
    expect(decimalTextToCents("0.29")).toBe(29);
    expect(decimalTextToCents("581.55")).toBe(58155);
    expect(decimalTextToCents("9.9")).toBe(990);
    expect(decimalTextToCents("12")).toBe(1200);
    expect(decimalTextToCents("9999999999999.99")).toBe(999999999999999);
  });

  it("refuses text that is not a TDec_1302 number", () => {
    for (const text of ["", "string", "1,50", "-1.00", "1.234", "1e3", "10000000000000.00", ".50"]) {
      expect(decimalTextToCents(text)).toBeNull();
    }
  });

  it("formats cents as BRL", () => {
    expect(formatBrl(50000)).toBe("R$ 500,00");
    expect(formatBrl(5)).toBe("R$ 0,05");
    expect(formatBrl(123456789)).toBe("R$ 1.234.567,89");
    expect(formatBrl(-1990)).toBe("-R$ 19,90");
  });

  it("round-trips any cents value through its decimal text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
        return decimalTextToCents(text) === cents;
      }),
    );
  });
});
