// SkyHub's published limits are per store key and per endpoint + method (writes 9/s, order reads 1/s, queue 9/s).
// adapterFor builds an adapter per call, so the windows live here, one per process, and a request waits for its
// turn instead of failing with a 429 the limit would have predicted. How SkyHub counts a second is not published:
// a sliding window (never more than the limit in any second) stays under it whichever way it counts.

import { MarketplaceCallError } from "../adapter";

export interface Limit {
  perSecond: number;
}

export const LIMITS = {
  write: { perSecond: 9 },
  read: { perSecond: 1 },
  queue: { perSecond: 9 },
  other: { perSecond: 1 },
} as const satisfies Record<string, Limit>;

// A few milliseconds over the second, so timer and clock granularity never put N + 1 requests in one.
const WINDOW_MS = 1_010;

/** The turn is further away than the caller may wait (a worker's lease would run out first). */
export class RateLimitBusy extends MarketplaceCallError {
  constructor(readonly waitMs: number) {
    super(`limite de requisições da Americanas: próxima vez em ${Math.ceil(waitMs / 1000)} s`, "rate_limited", waitMs);
  }
}

// Per key, the send times given out (past and future), in order; only the last `perSecond` matter.
const windows = new Map<string, number[]>();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The earliest time one more request fits in `key`'s limit, reserved at once so concurrent callers line up. */
function reserve(key: string, limit: Limit, maxWaitMs: number, now: number): number {
  const sent = windows.get(key) ?? [];
  windows.set(key, sent);
  const last = sent.at(-1) ?? now;
  const windowStart = sent.length >= limit.perSecond ? (sent.at(-limit.perSecond) as number) + WINDOW_MS : now;
  const at = Math.max(now, last, windowStart);
  if (at - now > maxWaitMs) throw new RateLimitBusy(at - now);
  sent.push(at);
  if (sent.length > limit.perSecond) sent.splice(0, sent.length - limit.perSecond);
  return at - now;
}

/** Waits for one more request in `key`'s limit, or throws RateLimitBusy when that is more than `maxWaitMs` away. */
export async function takeToken(key: string, limit: Limit, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
  const wait = reserve(key, limit, maxWaitMs, Date.now());
  if (wait > 0) await sleep(wait);
}

/** After a 429 the marketplace's window is spent, whatever was counted here: the next request waits a whole one. */
export function drainBucket(key: string, limit: Limit): void {
  const sent = windows.get(key) ?? [];
  const from = Math.max(Date.now(), sent.at(-1) ?? 0);
  windows.set(
    key,
    Array.from({ length: limit.perSecond }, () => from),
  );
}
