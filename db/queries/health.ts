import { count, inArray, min } from "drizzle-orm";
import { ON_ITS_WAY, type OnItsWay } from "../../server/domain/replication/outbox-states";
import type { Db } from "../client";
import { outbox } from "../schema";

/**
 * The whole hub's backlog, every account together (the health endpoint speaks for the hub, not for a seller): a
 * count per state and the oldest creation time, both read from the rows of those states through the (state, …)
 * index, never from the settled rows that make up most of the table.
 */
export function outboxBacklog(db: Db): { counts: Record<OnItsWay, number>; oldestCreatedAt: Date | null } {
  const rows = db
    .select({ state: outbox.state, n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(inArray(outbox.state, [...ON_ITS_WAY]))
    .groupBy(outbox.state)
    .all();
  const counts: Record<OnItsWay, number> = { pending: 0, sent: 0, retrying: 0 };
  let oldestCreatedAt: Date | null = null;
  for (const row of rows) {
    counts[row.state as OnItsWay] = row.n;
    if (row.oldest && (!oldestCreatedAt || row.oldest < oldestCreatedAt)) oldestCreatedAt = row.oldest;
  }
  return { counts, oldestCreatedAt };
}
