import { count, inArray, min } from "drizzle-orm";
import type { Db } from "../client";
import { outbox } from "../schema";

/** Updates still on their way to a marketplace: waiting, in flight, or due again after a failure. */
export const BACKLOG_STATES = ["pending", "sent", "retrying"] as const;
export type BacklogState = (typeof BACKLOG_STATES)[number];

/**
 * The whole hub's backlog, every account together (the health endpoint speaks for the hub, not for a seller): a
 * count per state and the oldest creation time, both read from the rows of those states through the (state, …)
 * index, never from the settled rows that make up most of the table.
 */
export function outboxBacklog(db: Db): { counts: Record<BacklogState, number>; oldestCreatedAt: Date | null } {
  const rows = db
    .select({ state: outbox.state, n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(inArray(outbox.state, [...BACKLOG_STATES]))
    .groupBy(outbox.state)
    .all();
  const counts: Record<BacklogState, number> = { pending: 0, sent: 0, retrying: 0 };
  let oldestCreatedAt: Date | null = null;
  for (const row of rows) {
    counts[row.state as BacklogState] = row.n;
    if (row.oldest && (!oldestCreatedAt || row.oldest < oldestCreatedAt)) oldestCreatedAt = row.oldest;
  }
  return { counts, oldestCreatedAt };
}
