// OR11 polling: Mirakl allows one asynchronous poll a minute per shop (External Partner apps: every 15 minutes).
// A run reads every page of orders updated since the previous run's newest `last_updated_date` (Mirakl's own clock,
// so the hub's is never compared with it); the next run starts at least a minute after this one began.

const POLL_EVERY_MS = 60_000;

export interface PollCursor {
  /** start_update_date of the run: the newest last_updated_date the previous run saw (inclusive: seen again). */
  since: string | null;
  /** The newest last_updated_date of this run so far. */
  newest: string | null;
  /** The next page's offset; 0 when the next call starts a new run. */
  offset: number;
  /** When the current run began (epoch ms). */
  runAt: number;
}

// Per process, beside the stored cursor: the ingest loop keeps no cursor after an empty page, so the stored one
// would let a poll through every few seconds while nothing changes.
const lastRuns = new Map<string, number>();

export function parseCursor(cursor: string | null): PollCursor {
  try {
    const value = cursor ? (JSON.parse(cursor) as Partial<PollCursor>) : {};
    return {
      since: typeof value.since === "string" ? value.since : null,
      newest: typeof value.newest === "string" ? value.newest : null,
      offset: typeof value.offset === "number" && value.offset > 0 ? value.offset : 0,
      runAt: typeof value.runAt === "number" ? value.runAt : 0,
    };
  } catch {
    return { since: null, newest: null, offset: 0, runAt: 0 };
  }
}

/** Whether a new run may start now for this shop. */
export function pollTurn(shop: string, cursor: PollCursor, now: number): boolean {
  return now - Math.max(cursor.runAt, lastRuns.get(shop) ?? 0) >= POLL_EVERY_MS;
}

export function rememberRun(shop: string, at: number): void {
  lastRuns.set(shop, at);
}
