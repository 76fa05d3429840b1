import type { Db } from "../../../db/client";
import { listUpdatesOpenSince, type OpenUpdatesGroup } from "../../../db/queries/stale-updates";
import { ON_ITS_WAY } from "./outbox-states";

/** Back-off, outages and "confirmed later" all settle well within a day: an update older than that is stuck. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export type StaleUpdates = OpenUpdatesGroup;

/** Stuck updates per account and channel, with how many and the oldest: for the worker's log and the health check. */
export function findStaleUpdates(db: Db, now: Date = new Date()): StaleUpdates[] {
  return listUpdatesOpenSince(db, {
    states: ON_ITS_WAY,
    before: new Date(now.getTime() - STALE_AFTER_MS),
  });
}
