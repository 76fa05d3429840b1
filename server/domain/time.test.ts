import { describe, expect, it } from "vitest";
import { parseBrazilDateTime, saoPauloYearMonth, toSaoPauloYmd } from "./time";

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
