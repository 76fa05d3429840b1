import { describe, expect, it } from "vitest";
import { drainBucket, LIMITS, RateLimitBusy, takeToken } from "./rate-limit";

describe("SkyHub request windows", () => {
  it("lets the limit through at once and makes the next one wait for the window", async () => {
    const started = Date.now();
    await Promise.all(Array.from({ length: 9 }, () => takeToken("burst", LIMITS.write)));
    expect(Date.now() - started).toBeLessThan(200);
    await takeToken("burst", LIMITS.write);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("refuses a turn further away than the caller may wait, without taking it", async () => {
    await takeToken("reads", LIMITS.read);
    const refused = takeToken("reads", LIMITS.read, 100);
    await expect(refused).rejects.toBeInstanceOf(RateLimitBusy);
    await expect(refused).rejects.toMatchObject({ waitMs: expect.any(Number) });
    const started = Date.now();
    await takeToken("reads", LIMITS.read, 2_000);
    expect(Date.now() - started).toBeLessThan(1_100);
  });

  it("after a 429, waits a whole window before the next request", async () => {
    drainBucket("limited", LIMITS.queue);
    await takeToken("limited", LIMITS.queue);
    drainBucket("limited", LIMITS.queue);
    const started = Date.now();
    await takeToken("limited", LIMITS.queue);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
