import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEADLINE_DAY_MS, DEADLINE_HOUR_MS } from "../schema";
import { splitDeadlineRange } from "./deadline-ranges";

const HOUR = DEADLINE_HOUR_MS;
const at = (iso: string) => Date.parse(iso);

/** Which piece of the split an instant falls in, if any; a partition puts each instant of [from, to) in exactly one. */
function piecesHolding(t: number, from: number, to: number): number {
  const { days, hours, instants } = splitDeadlineRange(from, to);
  const inDays = days && Math.floor(t / DEADLINE_DAY_MS) >= days.from && Math.floor(t / DEADLINE_DAY_MS) < days.to;
  const inHours = hours.filter((h) => Math.floor(t / HOUR) >= h.from && Math.floor(t / HOUR) < h.to).length;
  const inInstants = instants.filter((r) => t >= r.from && t < r.to).length;
  return (inDays ? 1 : 0) + inHours + inInstants;
}

describe("splitDeadlineRange", () => {
  it("reads 'late' as the days before today, today's hours before this one and this hour's part from the index", () => {
    const now = at("2026-12-03T14:25:00Z");
    expect(splitDeadlineRange(0, now)).toEqual({
      days: { from: 0, to: Math.floor(now / DEADLINE_DAY_MS) },
      hours: [{ from: at("2026-12-03T00:00:00Z") / HOUR, to: at("2026-12-03T14:00:00Z") / HOUR }],
      instants: [{ from: at("2026-12-03T14:00:00Z"), to: now }],
    });
  });

  it("reads 'due today' as this hour's rest from the index and the hours up to the end of São Paulo's day", () => {
    const now = at("2026-12-03T14:25:00Z");
    const end = at("2026-12-04T03:00:00Z");
    expect(splitDeadlineRange(now, end)).toEqual({
      days: null,
      hours: [{ from: at("2026-12-03T15:00:00Z") / HOUR, to: end / HOUR }],
      instants: [{ from: now, to: at("2026-12-03T15:00:00Z") }],
    });
  });

  it("reads a range inside one hour from the index alone, and an empty range not at all", () => {
    const now = at("2026-12-03T14:25:00Z");
    expect(splitDeadlineRange(now, now + 60_000)).toEqual({
      days: null,
      hours: [],
      instants: [{ from: now, to: now + 60_000 }],
    });
    expect(splitDeadlineRange(now, now)).toEqual({ days: null, hours: [], instants: [] });
  });

  it("puts every instant of the range in exactly one piece, and none outside it", () => {
    const instant = fc.integer({ min: 0, max: 4_000_000_000_000 });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * DEADLINE_DAY_MS }), instant, (from, length, probe) => {
        const to = from + length;
        const t = (probe % (length + 2 * HOUR)) + from - HOUR;
        const expected = t >= from && t < to ? 1 : 0;
        expect(piecesHolding(t, from, to)).toBe(expected);
        expect(piecesHolding(from, from, to)).toBe(length > 0 ? 1 : 0);
        if (length > 0) expect(piecesHolding(to - 1, from, to)).toBe(1);
      }),
    );
  });
});
