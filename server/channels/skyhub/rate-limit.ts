// SkyHub's published limits are per store key and per endpoint + method (writes 9/s, order reads 1/s, queue 9/s).
// adapterFor builds an adapter per call, so the limiters live here, one per process, and a request waits for its
// turn instead of failing with a 429 the limit would have predicted. How SkyHub counts a second is not published:
// a sliding window (never more than the limit in any second) stays under it whichever way it counts.

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

interface Window {
  /** When each of the last `perSecond` requests was (or will be) sent, oldest first. */
  sent: number[];
  /** Callers already waiting, so concurrent requests line up instead of all taking the same slot. */
  tail: Promise<void>;
}

const windows = new Map<string, Window>();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function windowFor(key: string): Window {
  let window = windows.get(key);
  if (!window) {
    window = { sent: [], tail: Promise.resolve() };
    windows.set(key, window);
  }
  return window;
}

/** Waits until one more request fits in `key`'s limit, and counts it. */
export function takeToken(key: string, limit: Limit, now: () => number = Date.now): Promise<void> {
  const window = windowFor(key);
  const turn = window.tail.then(async () => {
    if (window.sent.length >= limit.perSecond) {
      const wait = (window.sent[window.sent.length - limit.perSecond] as number) + WINDOW_MS - now();
      if (wait > 0) await sleep(wait);
    }
    window.sent.push(now());
    if (window.sent.length > limit.perSecond) window.sent.splice(0, window.sent.length - limit.perSecond);
  });
  window.tail = turn;
  return turn;
}

/** After a 429 the marketplace's window is spent, whatever was counted here: the next request waits a whole one. */
export function drainBucket(key: string, limit: Limit, now: () => number = Date.now): void {
  windowFor(key).sent = Array.from({ length: limit.perSecond }, () => now());
}
