import { describe, expect, it } from "vitest";
import { dayOfPeriod, periodDays, periodRange, salesPeriod } from "./sales-period";

// 02:30 in São Paulo on 3 December: still the 3rd there, whatever the UTC day.
const NOW = new Date("2026-12-03T05:30:00Z");

describe("salesPeriod", () => {
  it("closes an open period at today in São Paulo and a month back", () => {
    expect(salesPeriod({}, NOW)).toEqual({ from: "2026-11-04", to: "2026-12-03" });
    expect(salesPeriod({ from: "2026-10-01" }, NOW)).toEqual({ from: "2026-10-01", to: "2026-12-03" });
    expect(salesPeriod({ to: "2026-03-01" }, NOW)).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(salesPeriod({ from: "2027-01-10" }, NOW)).toEqual({ from: "2027-01-10", to: "2027-01-10" });
    expect(salesPeriod({ from: "2026-02-01", to: "2026-02-03" }, NOW)).toEqual({
      from: "2026-02-01",
      to: "2026-02-03",
    });
  });

  it("lists every day once and spans São Paulo midnights", () => {
    const period = { from: "2026-02-27", to: "2026-03-02" };
    expect(periodDays(period)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(periodDays(salesPeriod({}, NOW))).toHaveLength(30);
    expect(periodRange(period)).toEqual({
      start: new Date("2026-02-27T03:00:00Z"),
      end: new Date("2026-03-03T03:00:00Z"),
    });
    expect(dayOfPeriod(period, 2)).toBe("2026-03-01");
  });
});
