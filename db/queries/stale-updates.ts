import { and, asc, count, eq, inArray, lt, min } from "drizzle-orm";
import type { OutboxState } from "../../server/domain/replication/outbox-states";
import type { Db } from "../client";
import { outbox, sellerAccounts } from "../schema";

export interface OpenUpdatesGroup {
  accountId: number;
  accountName: string;
  channel: (typeof outbox.$inferSelect)["channel"];
  count: number;
  oldestAt: Date;
}

/** Per account and channel, the updates in `states` written before `before`: how many, and the oldest. */
export function listUpdatesOpenSince(
  db: Db,
  filter: { states: readonly OutboxState[]; before: Date },
): OpenUpdatesGroup[] {
  const rows = db
    .select({
      accountId: outbox.accountId,
      accountName: sellerAccounts.tradeName,
      channel: outbox.channel,
      count: count(),
      oldestAt: min(outbox.createdAt),
    })
    .from(outbox)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, outbox.accountId))
    .where(and(inArray(outbox.state, [...filter.states]), lt(outbox.createdAt, filter.before)))
    .groupBy(outbox.accountId, sellerAccounts.tradeName, outbox.channel)
    .orderBy(asc(outbox.accountId), asc(outbox.channel))
    .all();
  return rows.map((row) => ({ ...row, oldestAt: row.oldestAt ?? filter.before }));
}
