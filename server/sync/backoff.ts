export const BACKOFF = { baseMs: 1_000, maxMs: 5 * 60_000, maxAttempts: 12 } as const;

/**
 * Exponential back-off with full jitter, so many rows failing together do not retry in lockstep; the
 * marketplace's Retry-After, when given, is a floor.
 */
export function nextDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
  maxMs: number = BACKOFF.maxMs,
): number {
  const ceiling = Math.min(maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
