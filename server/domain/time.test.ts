import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatBrDate,
  isYmd,
  maskBrDate,
  parseBrazilDateTime,
  parseBrDate,
  saoPauloYearMonth,
  toSaoPauloYmd,
} from "./time";

const days = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("São Paulo time", () => {
  it("reads days and months at UTC-3", () => {
    expect(toSaoPauloYmd(new Date("2026-03-01T02:59:00Z"))).toBe("2026-02-28");
    expect(toSaoPauloYmd(new Date("2026-03-01T03:00:00Z"))).toBe("2026-03-01");
    expect(saoPauloYearMonth(new Date("2027-01-01T02:00:00Z"))).toEqual({ year: 2026, month: 12 });
  });

  it("parses NF-e date-times, assuming Brasília time without an offset", () => {
    expect(parseBrazilDateTime("2018-09-25T00:00:00-03:00")?.toISOString()).toBe("2018-09-25T03:00:00.000Z");
    expect(parseBrazilDateTime("2019-11-20T18:19:28-02:00")?.toISOString()).toBe("2019-11-20T20:19:28.000Z");
    expect(parseBrazilDateTime("2018-09-25T00:00:00")?.toISOString()).toBe("2018-09-25T03:00:00.000Z");
    expect(parseBrazilDateTime("2018-13-25T00:00:00-03:00")).toBeNull();
    expect(parseBrazilDateTime("string")).toBeNull();
  });
});

describe("days typed as dd/mm/aaaa", () => {
  it("reads a typed day, with or without leading zeros, and an API's ISO day", () => {
    expect(parseBrDate("03/12/2026")).toBe("2026-12-03");
    expect(parseBrDate(" 3/2/2026 ")).toBe("2026-02-03");
    expect(parseBrDate("2026-12-03")).toBe("2026-12-03");
  });

  it("refuses what is not a calendar day, in any notation", () => {
    for (const text of ["31/02/2026", "00/01/2026", "12/13/2026", "2026-02-30", "03-12-2026", "03/12/26", "", "hoje"]) {
      expect(parseBrDate(text)).toBeNull();
    }
  });

  it("reads back every day it writes", () => {
    fc.assert(fc.property(days, (ymd) => parseBrDate(formatBrDate(ymd)) === ymd));
  });

  it("gives only real calendar days, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        const ymd = parseBrDate(text);
        return ymd === null || isYmd(ymd);
      }),
    );
  });

  it("masks typing into dd/mm/aaaa: digits only, slashes in place, at most a whole date", () => {
    expect(maskBrDate("0312")).toBe("03/12");
    expect(maskBrDate("03122026999")).toBe("03/12/2026");
    expect(maskBrDate("2026-12-03")).toBe("03/12/2026");
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (typed) => {
        const masked = maskBrDate(typed);
        return /^(\d{1,2}(\/\d{1,2}(\/\d{1,4})?)?)?$/.test(masked) && maskBrDate(masked) === masked;
      }),
    );
  });

  it("masks the digits of any day into the day itself", () => {
    fc.assert(fc.property(days, (ymd) => parseBrDate(maskBrDate(formatBrDate(ymd).replaceAll("/", ""))) === ymd));
  });
});
