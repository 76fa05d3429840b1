import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { channelConnections, sellerAccounts } from "../schema";
import type { ChannelId } from "../../server/domain/channels/channels";

const columns = {
  id: channelConnections.id,
  accountId: channelConnections.accountId,
  channel: channelConnections.channel,
  baseUrl: channelConnections.baseUrl,
  pullCursor: channelConnections.pullCursor,
  sellerCnpj: sellerAccounts.cnpj,
};

export function listEnabledConnections(db: Db) {
  return db
    .select(columns)
    .from(channelConnections)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
    .where(eq(channelConnections.enabled, true))
    .all();
}

export type Connection = ReturnType<typeof listEnabledConnections>[number];

export function connectionFor(db: Db, accountId: number, channel: ChannelId): Connection | null {
  return (
    db
      .select(columns)
      .from(channelConnections)
      .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
      .where(
        and(
          eq(channelConnections.accountId, accountId),
          eq(channelConnections.channel, channel),
          eq(channelConnections.enabled, true),
        ),
      )
      .get() ?? null
  );
}

export function saveCursor(db: Db, connectionId: number, cursor: string, at: Date): void {
  db.update(channelConnections)
    .set({ pullCursor: cursor, lastPulledAt: at })
    .where(eq(channelConnections.id, connectionId))
    .run();
}
