import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BACKOFF, nextDelayMs } from "./backoff";

describe("nextDelayMs", () => {
  it("grows with the attempt, stays under the cap and honours Retry-After", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, r) => {
        const delay = nextDelayMs(attempt, null, () => r);
        const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
    expect(nextDelayMs(1, 30_000, () => 0)).toBe(30_000);
    expect(nextDelayMs(20, null, () => 0.999)).toBeLessThanOrEqual(BACKOFF.maxMs);
  });

  it("waits no longer than the operator's cap, and still at least what the marketplace asked", () => {
    expect(nextDelayMs(20, null, () => 0.999, 15_000)).toBe(14_992);
    expect(nextDelayMs(2, null, () => 0.999, 15_000)).toBe(nextDelayMs(2, null, () => 0.999));
    expect(nextDelayMs(20, 60_000, () => 0, 15_000)).toBe(60_000);
  });
});
