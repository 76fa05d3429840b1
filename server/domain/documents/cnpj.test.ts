import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cnpjCheckDigits, formatCnpj, generateCnpj, isValidCnpj, normalizeCnpj } from "./cnpj";

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const notRepeated = (base: string) => !/^(.)\1{11}$/.test(base);
const numericCnpj = fc
  .string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 12, maxLength: 12 })
  .filter(notRepeated)
  .map((base) => base + cnpjCheckDigits(base));
const alphanumericCnpj = fc
  .string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 12, maxLength: 12 })
  .filter(notRepeated)
  .map((base) => base + cnpjCheckDigits(base));
const anyCnpj = fc.oneof(numericCnpj, alphanumericCnpj);

describe("cnpj", () => {
  it("accepts known valid numeric CNPJs and the Receita alphanumeric example", () => {
    for (const cnpj of ["06929383000163", "58716523000119", "10702368000155", "12ABC34501DE35"]) {
      expect(isValidCnpj(cnpj)).toBe(true);
    }
    expect(isValidCnpj("06.929.383/0001-63")).toBe(true);
    expect(isValidCnpj("12.abc.345/01de-35")).toBe(true);
  });

  it("refuses wrong check digits, letters in the check digits, wrong lengths and repeated characters", () => {
    expect(isValidCnpj("06929383000164")).toBe(false);
    expect(isValidCnpj("12ABC34501DE36")).toBe(false);
    expect(isValidCnpj("12ABC34501DEA5")).toBe(false);
    expect(isValidCnpj("0692938300016")).toBe(false);
    expect(isValidCnpj("00000000000000")).toBe(false);
    expect(isValidCnpj("AAAAAAAAAAAAAA")).toBe(false);
    expect(isValidCnpj("12ABC34501DE3!")).toBe(false);
    expect(isValidCnpj("")).toBe(false);
  });

  it("computes check digits with char code − 48, and refuses a malformed base", () => {
    expect(cnpjCheckDigits("069293830001")).toBe("63");
    expect(cnpjCheckDigits("12ABC34501DE")).toBe("35");
    expect(() => cnpjCheckDigits("12abc34501de")).toThrow(RangeError);
    expect(() => cnpjCheckDigits("0692938300")).toThrow(RangeError);
  });

  it("formats as XX.XXX.XXX/XXXX-XX and normalises separators and case", () => {
    expect(formatCnpj("06929383000163")).toBe("06.929.383/0001-63");
    expect(formatCnpj("12abc34501de35")).toBe("12.ABC.345/01DE-35");
    expect(formatCnpj("0692")).toBe("0692");
    expect(normalizeCnpj(" 12.abc.345/01de-35 ")).toBe("12ABC34501DE35");
  });

  it("generates valid numeric and alphanumeric CNPJs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }),
        fc.boolean(),
        (values, alphanumeric) => {
          let i = 0;
          const cnpj = generateCnpj(() => values[i++ % values.length] ?? 0, { alphanumeric });
          expect(cnpj).toMatch(alphanumeric ? /^[0-9A-Z]{12}\d{2}$/ : /^\d{8}0001\d{2}$/);
          expect(isValidCnpj(cnpj)).toBe(true);
        },
      ),
    );
  });

  it("validates every CNPJ built from a base and its check digits", () => {
    fc.assert(fc.property(anyCnpj, (cnpj) => isValidCnpj(cnpj)));
  });

  it("is invalidated by changing either check digit", () => {
    fc.assert(
      fc.property(
        anyCnpj,
        fc.integer({ min: 12, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (cnpj, position, shift) => {
          const changed = (Number(cnpj[position]) + shift) % 10;
          return !isValidCnpj(cnpj.slice(0, position) + changed + cnpj.slice(position + 1));
        },
      ),
    );
  });

  it("is invalidated by changing a single digit of a numeric CNPJ, except where mod 11 folds remainders 0 and 1", () => {
    fc.assert(
      fc.property(
        numericCnpj,
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (cnpj, position, shift) => {
          const changed = cnpj.slice(0, position) + ((Number(cnpj[position]) + shift) % 10) + cnpj.slice(position + 1);
          return !isValidCnpj(changed) || cnpj.slice(12).includes("0");
        },
      ),
    );
  });

  it("normalises idempotently and round-trips through formatting", () => {
    fc.assert(fc.property(fc.string(), (input) => normalizeCnpj(normalizeCnpj(input)) === normalizeCnpj(input)));
    fc.assert(fc.property(anyCnpj, (cnpj) => normalizeCnpj(formatCnpj(cnpj)) === cnpj));
    fc.assert(fc.property(alphanumericCnpj, (cnpj) => isValidCnpj(formatCnpj(cnpj).toLowerCase())));
  });
});
