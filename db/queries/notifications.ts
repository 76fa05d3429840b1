import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { ChannelId } from "../../server/domain/channels/channels";
import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import { channelConnections, channelNotifications } from "../schema";

/** The enabled connection a marketplace's notification is about, found by the seller's id on that marketplace. */
export function connectionOfMarketplaceUser(db: Db, channel: ChannelId, marketplaceUserId: string): number | null {
  const statement = preparedOnce(db, "notifications.connectionOfMarketplaceUser", () =>
    db
      .select({ id: channelConnections.id })
      .from(channelConnections)
      .where(
        and(
          eq(channelConnections.channel, sql.placeholder("channel")),
          eq(channelConnections.marketplaceUserId, sql.placeholder("userId")),
          eq(channelConnections.enabled, true),
        ),
      )
      .limit(1)
      .prepare(),
  );
  return statement.get({ channel, userId: marketplaceUserId })?.id ?? null;
}

/** One row per resource: a resource notified again while it waits is read once, at its latest. */
export function storeNotification(
  db: Db,
  notification: { connectionId: number; topic: string; resource: string },
  at: Date,
): void {
  db.insert(channelNotifications)
    .values({ ...notification, receivedAt: at })
    .onConflictDoUpdate({
      target: [channelNotifications.connectionId, channelNotifications.resource],
      set: { topic: notification.topic, receivedAt: at },
    })
    .run();
}

export function pendingNotifications(db: Db, connectionId: number, limit: number) {
  return db
    .select({
      id: channelNotifications.id,
      topic: channelNotifications.topic,
      resource: channelNotifications.resource,
      receivedAt: channelNotifications.receivedAt,
    })
    .from(channelNotifications)
    .where(eq(channelNotifications.connectionId, connectionId))
    .orderBy(asc(channelNotifications.receivedAt))
    .limit(limit)
    .all();
}

/** Done with what was read; a repeat that arrived meanwhile (a later receivedAt) stays for the next pass. */
export function clearNotification(db: Db, id: number, readAt: Date): void {
  db.delete(channelNotifications)
    .where(and(eq(channelNotifications.id, id), lte(channelNotifications.receivedAt, readAt)))
    .run();
}

/** Writes only when it differs, so the worker may call it on every pass without a write each time. */
export function rememberMarketplaceUser(db: Db, connectionId: number, marketplaceUserId: string): void {
  db.update(channelConnections)
    .set({ marketplaceUserId })
    .where(
      and(
        eq(channelConnections.id, connectionId),
        sql`${channelConnections.marketplaceUserId} IS DISTINCT FROM ${marketplaceUserId}`,
      ),
    )
    .run();
}
