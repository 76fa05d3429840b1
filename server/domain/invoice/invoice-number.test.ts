import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAccessKey } from "./access-key-parts";
import { invoiceNumberFields } from "./invoice-number";

describe("invoiceNumberFields", () => {
  it("reads the number and series the key was built from, without leading zeros", () => {
    const number = fc.integer({ min: 1, max: 999_999_999 });
    const series = fc.integer({ min: 0, max: 999 });
    fc.assert(
      fc.property(number, series, (n, s) => {
        const key = buildAccessKey({
          stateCode: "43",
          year: 2026,
          month: 11,
          cnpj: "06929383000163",
          series: s,
          number: n,
          randomCode: 12345678,
        });
        expect(invoiceNumberFields(key)).toEqual({ invoiceNumber: String(n), invoiceSeries: String(s) });
      }),
    );
  });

  it("gives nothing for a key too short to hold them", () => {
    expect(invoiceNumberFields("4318090692938300016355001")).toBeNull();
  });
});
