import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cpfCheckDigits, formatCpf, generateCpf, isValidCpf, normalizeCpf } from "./cpf";

const digit = fc.integer({ min: 0, max: 9 });
const validCpf = fc
  .array(digit, { minLength: 9, maxLength: 9 })
  .map((digits) => digits.join(""))
  .filter((base) => !/^(\d)\1{8}$/.test(base))
  .map((base) => base + cpfCheckDigits(base));

describe("cpf", () => {
  it("accepts known valid CPFs, formatted or not", () => {
    expect(isValidCpf("529.982.247-25")).toBe(true);
    expect(isValidCpf("52998224725")).toBe(true);
    expect(isValidCpf(" 123.456.789-09 ")).toBe(true);
  });

  it("refuses wrong check digits, wrong lengths, letters and repeated digits", () => {
    expect(isValidCpf("529.982.247-24")).toBe(false);
    expect(isValidCpf("5299822472")).toBe(false);
    expect(isValidCpf("529982247250")).toBe(false);
    expect(isValidCpf("52998224A25")).toBe(false);
    expect(isValidCpf("111.111.111-11")).toBe(false);
    expect(isValidCpf("00000000000")).toBe(false);
    expect(isValidCpf("")).toBe(false);
  });

  it("computes check digits and refuses a malformed base", () => {
    expect(cpfCheckDigits("529982247")).toBe("25");
    expect(() => cpfCheckDigits("12345678")).toThrow(RangeError);
  });

  it("formats 11 digits and leaves partial input alone", () => {
    expect(formatCpf("52998224725")).toBe("529.982.247-25");
    expect(formatCpf("529.982")).toBe("529982");
    expect(normalizeCpf(" 529.982.247-25 ")).toBe("52998224725");
  });

  it("generates valid CPFs from any random source", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }),
        (values) => {
          let i = 0;
          const cpf = generateCpf(() => values[i++ % values.length] ?? 0);
          expect(cpf).toMatch(/^\d{11}$/);
          expect(isValidCpf(cpf)).toBe(true);
        },
      ),
    );
    expect(isValidCpf(generateCpf(Math.random))).toBe(true);
  });

  it("validates every CPF built from a base and its check digits", () => {
    fc.assert(fc.property(validCpf, (cpf) => isValidCpf(cpf)));
  });

  it("is invalidated by changing either check digit", () => {
    fc.assert(
      fc.property(validCpf, fc.integer({ min: 9, max: 10 }), fc.integer({ min: 1, max: 9 }), (cpf, position, shift) => {
        const changed = (Number(cpf[position]) + shift) % 10;
        return !isValidCpf(cpf.slice(0, position) + changed + cpf.slice(position + 1));
      }),
    );
  });

  it("is invalidated by changing any single digit, except where mod 11 folds remainders 0 and 1 into a 0", () => {
    fc.assert(
      fc.property(validCpf, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (cpf, position, shift) => {
        const changed = cpf.slice(0, position) + ((Number(cpf[position]) + shift) % 10) + cpf.slice(position + 1);
        return !isValidCpf(changed) || cpf.slice(9).includes("0");
      }),
    );
  });

  it("normalises idempotently and round-trips through formatting", () => {
    fc.assert(fc.property(fc.string(), (input) => normalizeCpf(normalizeCpf(input)) === normalizeCpf(input)));
    fc.assert(fc.property(validCpf, (cpf) => normalizeCpf(formatCpf(cpf)) === cpf && isValidCpf(formatCpf(cpf))));
  });
});
