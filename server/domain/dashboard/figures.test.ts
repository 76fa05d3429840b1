import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addStages, averageMs, EMPTY_STAGE, formatDuration, formatShare, lateNow, lateShare } from "./figures";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("formatDuration", () => {
  it("reads in the two largest units a manager uses", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-5 * MINUTE)).toBe("0 min");
    expect(formatDuration(35 * MINUTE)).toBe("35 min");
    expect(formatDuration(5 * HOUR)).toBe("5 h");
    expect(formatDuration(5 * HOUR + 20 * MINUTE)).toBe("5 h 20 min");
    expect(formatDuration(48 * HOUR)).toBe("2 d");
    expect(formatDuration(52 * HOUR + 10 * MINUTE)).toBe("2 d 4 h");
  });

  it("says back the duration it was given, to its last unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 * 60 }), (minutes) => {
        const text = formatDuration(minutes * MINUTE);
        const match = /^(?:(\d+) d(?: (\d+) h)?|(\d+) h(?: (\d+) min)?|(\d+) min)$/.exec(text);
        expect(match, text).not.toBeNull();
        const [, d, dh, h, hm, m] = match ?? [];
        const read = d ? Number(d) * 24 * 60 + Number(dh ?? 0) * 60 : h ? Number(h) * 60 + Number(hm ?? 0) : Number(m);
        // Days are rounded to the hour, shorter durations are exact to the minute.
        expect(Math.abs(read - minutes)).toBeLessThanOrEqual(minutes >= 24 * 60 ? 30 : 0);
      }),
    );
  });
});

describe("late share and average", () => {
  it("is late over reached, and nothing for a stage no order reached", () => {
    const stage = { orders: 8, doneLate: 1, openLate: 1, timed: 4, totalMs: 10 * HOUR };
    expect(lateShare(stage)).toBe(25);
    expect(formatShare(lateShare(stage))).toBe("25%");
    expect(formatShare(100 / 3)).toBe("33,3%");
    expect(lateShare(EMPTY_STAGE)).toBeNull();
    expect(formatShare(null)).toBe("—");
    expect(averageMs(stage)).toBe(2.5 * HOUR);
    expect(averageMs(EMPTY_STAGE)).toBeNull();
    expect(addStages(stage, stage)).toEqual({ orders: 16, doneLate: 2, openLate: 2, timed: 8, totalMs: 20 * HOUR });
  });
});

describe("lateNow", () => {
  it("counts every stage the seller owes, acceptance included", () => {
    const late = (openLate: number) => ({ ...EMPTY_STAGE, openLate });
    expect(lateNow({ invoice: late(2), ship: late(3), acceptOpenLate: 4 })).toBe(9);
    expect(lateNow({ invoice: EMPTY_STAGE, ship: EMPTY_STAGE, acceptOpenLate: 0 })).toBe(0);
  });
});
