import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { channelConnections } from "./accounts";

/**
 * "This resource changed" from a marketplace that pushes (Mercado Livre's notifications), stored as received and
 * nothing more: the marketplace wants its answer at once, and the worker re-reads the resource later. One row per
 * resource; a repeat only moves `receivedAt`.
 */
export const channelNotifications = sqliteTable(
  "channel_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => channelConnections.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    resource: text("resource").notNull(),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("channel_notifications_resource_uq").on(t.connectionId, t.resource),
    index("channel_notifications_connection").on(t.connectionId, t.receivedAt),
  ],
);
