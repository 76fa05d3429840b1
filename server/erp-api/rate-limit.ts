// SkyHub counts per key and per endpoint + method within one-second windows (desenvolvedores.skyhub.com.br
// "Limite de requisições"): order writes and the queue 9/s, reads 1/s. Kept per process: the ERP API is one process.

export interface RateLimits {
  writes: number;
  queue: number;
  reads: number;
}

export const SKYHUB_LIMITS: RateLimits = { writes: 9, queue: 9, reads: 1 };

export function limitFor(limits: RateLimits, method: string, route: string): number {
  if (route.startsWith("/queues")) return limits.queue;
  return method === "GET" ? limits.reads : limits.writes;
}

export function createRateLimiter(limits: RateLimits) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Null when the call may go ahead, else the whole seconds until the key's next window. */
    retryAfter(keyId: number, method: string, route: string, now: number): number | null {
      const id = `${keyId} ${method} ${route}`;
      const second = Math.floor(now / 1000) * 1000;
      const window = windows.get(id);
      if (!window || window.start !== second) {
        // One entry per key and route: the map stays as small as the keys in use.
        windows.set(id, { start: second, count: 1 });
        return null;
      }
      if (window.count >= limitFor(limits, method, route)) return Math.max(1, Math.ceil((second + 1000 - now) / 1000));
      window.count++;
      return null;
    },
  };
}
