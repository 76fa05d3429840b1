import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidS10, normalizeTrackingCode, s10CheckDigit } from "./s10";

const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""));
const s10 = fc
  .tuple(
    fc.string({ unit: letter, minLength: 2, maxLength: 2 }),
    fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 8, maxLength: 8 }),
    fc.string({ unit: letter, minLength: 2, maxLength: 2 }),
  )
  .map(([service, serial, country]) => `${service}${serial}${s10CheckDigit(serial)}${country}`);

describe("UPU S10", () => {
  it("computes the check digit, including the remainder 0 → 5 and 1 → 0 cases", () => {
    expect(s10CheckDigit("47312482")).toBe("9"); // UPU S10 worked example: RR473124829GB
    expect(s10CheckDigit("12345678")).toBe("5"); // sum 204, remainder 6
    expect(s10CheckDigit("11111111")).toBe("5"); // sum 44, remainder 0
    expect(s10CheckDigit("00000008")).toBe("0"); // sum 56, remainder 1
    expect(s10CheckDigit("00000003")).toBe("1"); // sum 21, remainder 10
    expect(() => s10CheckDigit("1234567")).toThrow(RangeError);
  });

  it("validates codes after normalising case and spaces", () => {
    expect(isValidS10("RR473124829GB")).toBe(true);
    expect(isValidS10(" aa 123 456 785 br ")).toBe(true);
    expect(isValidS10("AA123456784BR")).toBe(false);
    expect(isValidS10("AA12345678BR")).toBe(false);
    expect(isValidS10("A1123456785BR")).toBe(false);
    expect(normalizeTrackingCode(" aa 1234\t5 ")).toBe("AA12345");
  });

  it("accepts generated codes and refuses them with any other check digit", () => {
    fc.assert(fc.property(s10, (code) => isValidS10(code)));
    fc.assert(
      fc.property(s10, fc.integer({ min: 1, max: 9 }), (code, shift) => {
        const changed = `${code.slice(0, 10)}${(Number(code[10]) + shift) % 10}${code.slice(11)}`;
        return !isValidS10(changed);
      }),
    );
  });

  it("refuses a code with one serial digit changed, except where remainders 0 and 6 both give 5", () => {
    fc.assert(
      fc.property(s10, fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 9 }), (code, position, shift) => {
        const changed = code.slice(0, position) + ((Number(code[position]) + shift) % 10) + code.slice(position + 1);
        return !isValidS10(changed) || code[10] === "5";
      }),
    );
  });

  it("normalises idempotently", () => {
    fc.assert(
      fc.property(
        fc.string(),
        (input) => normalizeTrackingCode(normalizeTrackingCode(input)) === normalizeTrackingCode(input),
      ),
    );
    fc.assert(
      fc.property(
        s10,
        (code) =>
          normalizeTrackingCode(
            `${code.slice(0, 2)} ${code.slice(2, 11).toLowerCase()} ${code.slice(11).toLowerCase()}`,
          ) === code,
      ),
    );
  });
});
