import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cnpjCheckDigits } from "@/server/domain/documents/cnpj";
import {
  accessKeyCheckDigit,
  buildAccessKey,
  checkAccessKey,
  decodeAccessKey,
  formatAccessKeyGroups,
  IBGE_STATES,
  normalizeAccessKey,
} from "./access-key";

const VALID = "43180906929383000163550010000000261000010301";
const NFCE = "41170410422724000187650010000000071000012588";
const WRONG_DIGIT = "32191107670813000825550010059062251133037938";
const NOW = new Date("2026-08-15T12:00:00Z");

const failedIds = (input: string, context = {}) =>
  checkAccessKey(input, { now: NOW, ...context })
    .checks.filter((c) => !c.ok)
    .map((c) => c.id);

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const cnpjArb = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 12, maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 12, maxLength: 12 }),
  )
  .filter((base) => !/^(.)\1{11}$/.test(base))
  .map((base) => base + cnpjCheckDigits(base));

const keyArb = fc
  .record({
    stateCode: fc.constantFrom(...IBGE_STATES.map((s) => s.code)),
    year: fc.integer({ min: 2000, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    cnpj: cnpjArb,
    series: fc.integer({ min: 0, max: 999 }),
    number: fc.integer({ min: 1, max: 999_999_999 }),
    emissionType: fc.constantFrom(1, 2, 4, 5, 6, 7, 9),
    randomCode: fc.integer({ min: 0, max: 99_999_999 }),
  })
  .map((parts) => ({ parts, key: buildAccessKey(parts) }));

const FAR_FUTURE = new Date("2100-01-01T12:00:00Z");

describe("access key fixtures", () => {
  it("accepts a valid NF-e key and decodes it", () => {
    const result = checkAccessKey(VALID, {
      sellerCnpj: "06.929.383/0001-63",
      orderPlacedAt: new Date("2018-09-10"),
      now: NOW,
    });
    expect(result.ok).toBe(true);
    expect(result.firstError).toBeUndefined();
    expect(result.checks.map((c) => c.id)).toEqual([
      "length",
      "charset",
      "state",
      "month",
      "model",
      "checkDigit",
      "cnpj",
      "sellerCnpj",
      "issueMonth",
    ]);
    expect(result.decoded).toMatchObject({
      stateCode: "43",
      state: { uf: "RS", name: "Rio Grande do Sul" },
      yearMonth: "1809",
      year: 2018,
      month: 9,
      cnpj: "06929383000163",
      model: "55",
      series: 1,
      number: 26,
      emissionType: "1",
      randomCode: "00001030",
      checkDigit: "1",
    });
  });

  it("refuses an NFC-e key (model 65) even though its check digit is right", () => {
    const result = checkAccessKey(NFCE, { now: NOW });
    expect(result.firstError?.id).toBe("model");
    expect(result.firstError?.message).toContain("não é aceita para pedidos de marketplace");
    expect(failedIds(NFCE)).toEqual(["model"]);
  });

  it("refuses a wrong check digit and says which digit was expected", () => {
    const expected = accessKeyCheckDigit(WRONG_DIGIT.slice(0, 43));
    expect(expected).not.toBe("8");
    const result = checkAccessKey(WRONG_DIGIT, { now: NOW });
    expect(result.firstError?.id).toBe("checkDigit");
    expect(result.firstError?.message).toContain(`deveria ser ${expected}`);
  });
});

describe("access key checks", () => {
  it("says how many characters were given", () => {
    const short = checkAccessKey(VALID.slice(0, 40), { now: NOW });
    expect(short.firstError).toEqual({ id: "length", message: expect.stringContaining("tem 40") });
    expect(checkAccessKey(`${VALID}1`).firstError?.message).toContain("tem 45");
    expect(checkAccessKey("").firstError?.id).toBe("length");
  });

  it("decodes and checks whatever a partial key already holds", () => {
    const partial = checkAccessKey("4318 0906 9293", { now: NOW });
    expect(partial.key).toBe("431809069293");
    expect(partial.decoded).toMatchObject({ stateCode: "43", year: 2018, month: 9, cnpj: null, model: null });
    expect(partial.checks.map((c) => c.id)).toEqual(["length", "charset", "state", "month", "issueMonth"]);
  });

  it("refuses lower-case letters and tells to use upper case", () => {
    const key = buildAccessKey({
      stateCode: 35,
      year: 2026,
      month: 8,
      cnpj: "12ABC34501DE35",
      series: 1,
      number: 1,
      randomCode: 1,
    });
    expect(checkAccessKey(key, { now: NOW }).ok).toBe(true);
    const lower = key.toLowerCase();
    expect(normalizeAccessKey(lower)).toBe(lower);
    const result = checkAccessKey(lower, { now: NOW });
    expect(result.firstError?.id).toBe("charset");
    expect(result.firstError?.message).toContain("maiúsculas");
  });

  it("accepts letters only in the CNPJ base (positions 7-18)", () => {
    const letterInNumber = `${VALID.slice(0, 30)}A${VALID.slice(31)}`;
    expect(checkAccessKey(letterInNumber).firstError).toEqual({
      id: "charset",
      message: expect.stringContaining("posição 31"),
    });
    const letterInCnpjDigits = `${VALID.slice(0, 18)}A${VALID.slice(19)}`;
    expect(checkAccessKey(letterInCnpjDigits).firstError?.message).toContain("posição 19");
    expect(checkAccessKey(`${VALID.slice(0, 43)}#`).firstError?.message).toContain('"#"');
  });

  it("refuses unknown state codes, impossible months and other models", () => {
    expect(
      failedIds(
        buildAccessKey({
          stateCode: 43,
          year: 2018,
          month: 9,
          cnpj: "06929383000163",
          series: 1,
          number: 26,
          randomCode: 1,
        }),
      ),
    ).toEqual([]);
    const fix = (key: string) => key.slice(0, 43) + accessKeyCheckDigit(key.slice(0, 43));
    expect(failedIds(fix(`99${VALID.slice(2)}`))).toEqual(["state"]);
    expect(failedIds(fix(`4318${"13"}${VALID.slice(6)}`))).toEqual(["month"]);
    expect(failedIds(fix(`${VALID.slice(0, 20)}57${VALID.slice(22)}`))).toEqual(["model"]);
    expect(checkAccessKey(fix(`${VALID.slice(0, 20)}57${VALID.slice(22)}`)).firstError?.message).toContain('"57"');
  });

  it("refuses a key whose CNPJ is invalid or is not the seller's", () => {
    const badCnpj = buildAccessKey({
      stateCode: 43,
      year: 2018,
      month: 9,
      cnpj: "06929383000164",
      series: 1,
      number: 1,
      randomCode: 1,
    });
    expect(failedIds(badCnpj)).toEqual(["cnpj"]);
    const result = checkAccessKey(VALID, { sellerCnpj: "58716523000119", now: NOW });
    expect(result.firstError?.id).toBe("sellerCnpj");
    expect(result.firstError?.message).toContain("58.716.523/0001-19");
  });

  it("refuses an issue month in the future or before the order's month, in São Paulo time", () => {
    const key = buildAccessKey({
      stateCode: 35,
      year: 2026,
      month: 9,
      cnpj: "58716523000119",
      series: 1,
      number: 1,
      randomCode: 1,
    });
    // 2026-09-01 01:00 UTC is still August 31st in São Paulo.
    expect(failedIds(key, { now: new Date("2026-09-01T01:00:00Z") })).toEqual(["issueMonth"]);
    expect(failedIds(key, { now: new Date("2026-09-01T03:00:00Z") })).toEqual([]);
    const placedInOctober = new Date("2026-10-01T03:00:00Z");
    expect(failedIds(key, { now: new Date("2026-10-05T12:00:00Z"), orderPlacedAt: placedInOctober })).toEqual([
      "issueMonth",
    ]);
    // Placed at 23:30 on September 30th in São Paulo (already October in UTC): same month as the key.
    expect(
      failedIds(key, { now: new Date("2026-10-05T12:00:00Z"), orderPlacedAt: new Date("2026-10-01T02:30:00Z") }),
    ).toEqual([]);
    expect(checkAccessKey(key, { now: new Date("2026-08-20T12:00:00Z") }).firstError?.message).toContain("09/2026");
  });
});

describe("access key helpers", () => {
  it("lists the 27 IBGE state codes once each", () => {
    expect(IBGE_STATES).toHaveLength(27);
    expect(new Set(IBGE_STATES.map((s) => s.code)).size).toBe(27);
    expect(new Set(IBGE_STATES.map((s) => s.uf)).size).toBe(27);
  });

  it("normalises pasted keys and formats them in groups of 4", () => {
    expect(normalizeAccessKey(" 4318.0906-9293 8300 0163\n5500 1000 0000 2610 0001 0301 ")).toBe(VALID);
    expect(normalizeAccessKey(`NFe${VALID}`)).toBe(VALID);
    expect(formatAccessKeyGroups(VALID)).toBe("4318 0906 9293 8300 0163 5500 1000 0000 2610 0001 0301");
    expect(formatAccessKeyGroups("43180")).toBe("4318 0");
  });

  it("builds keys with the right check digit and refuses parts that do not fit", () => {
    expect(
      buildAccessKey({
        stateCode: "43",
        year: 2018,
        month: 9,
        cnpj: "06.929.383/0001-63",
        series: 1,
        number: 26,
        randomCode: "00001030",
      }),
    ).toBe(VALID);
    const base = { stateCode: 43, year: 2018, month: 9, cnpj: "06929383000163", series: 1, number: 26, randomCode: 1 };
    expect(() => buildAccessKey({ ...base, month: 13 })).toThrow(RangeError);
    expect(() => buildAccessKey({ ...base, year: 1999 })).toThrow(RangeError);
    expect(() => buildAccessKey({ ...base, number: 1_000_000_000 })).toThrow(RangeError);
    expect(() => buildAccessKey({ ...base, cnpj: "123" })).toThrow(RangeError);
    expect(() => accessKeyCheckDigit(VALID)).toThrow(RangeError);
  });

  it("decodes nothing from an empty key", () => {
    expect(Object.values(decodeAccessKey("")).every((value) => value === null)).toBe(true);
  });
});

describe("access key properties", () => {
  it("accepts every built key and decodes its parts back", () => {
    fc.assert(
      fc.property(keyArb, ({ parts, key }) => {
        const result = checkAccessKey(formatAccessKeyGroups(key), { sellerCnpj: parts.cnpj, now: FAR_FUTURE });
        expect(result.ok).toBe(true);
        expect(result.key).toBe(key);
        expect(result.decoded).toMatchObject({
          stateCode: parts.stateCode,
          year: parts.year,
          month: parts.month,
          cnpj: parts.cnpj,
          series: parts.series,
          number: parts.number,
        });
      }),
    );
  });

  it("refuses a key whose check digit was changed", () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 9 }), ({ key }, shift) => {
        const changed = key.slice(0, 43) + ((Number(key[43]) + shift) % 10);
        return checkAccessKey(changed, { now: FAR_FUTURE }).firstError?.id === "checkDigit";
      }),
    );
  });

  it("refuses a key with one digit changed, except where mod 11 folds remainders 0 and 1 into a 0", () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.integer({ min: 0, max: 42 }),
        fc.integer({ min: 1, max: 9 }),
        ({ key }, position, shift) => {
          fc.pre(/\d/.test(key.charAt(position)));
          const changed = key.slice(0, position) + ((Number(key[position]) + shift) % 10) + key.slice(position + 1);
          return accessKeyCheckDigit(changed.slice(0, 43)) !== key[43] || key[43] === "0";
        },
      ),
    );
  });

  it("normalises idempotently and round-trips through the grouped format", () => {
    const idempotent = (input: string) => normalizeAccessKey(normalizeAccessKey(input)) === normalizeAccessKey(input);
    expect(["N.Fe1", "NFeNFe1", "nfe-NFe 1"].every(idempotent)).toBe(true);
    fc.assert(fc.property(fc.string(), idempotent));
    fc.assert(fc.property(fc.stringMatching(/^[NFe .\-0-9]{0,12}$/), idempotent));
    fc.assert(fc.property(keyArb, ({ key }) => normalizeAccessKey(formatAccessKeyGroups(key)) === key));
  });
});
