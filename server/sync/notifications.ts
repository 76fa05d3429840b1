import type { Db } from "../../db/client";
import type { Connection } from "../../db/queries/connections";
import { clearNotification, pendingNotifications, rememberMarketplaceUser } from "../../db/queries/notifications";
import type { ChannelAdapter, MarketplaceOrder } from "../channels/adapter";
import { marketplaceOrderSchema } from "../channels/marketplace-order-schema";
import type { ChannelCredentials } from "../channels/registry";
import { type IngestStats, syncOne } from "./ingest";

const PER_PASS = 200;
const ORDER_RESOURCE = /^\/orders\/([^/?#]+)$/;

/**
 * The marketplace's "this changed" notifications, drained before the regular pull: each order is read again through
 * the adapter (the notification itself is never trusted) and synced as ingestion syncs it. A read that fails leaves
 * its notification for the next pass; recovery polling covers whatever never arrives.
 */
export async function drainNotifications(
  db: Db,
  connection: Connection,
  credentials: ChannelCredentials | null,
  adapter: ChannelAdapter,
  now: () => Date = () => new Date(),
): Promise<IngestStats> {
  const stats: IngestStats = { created: 0, changed: 0, flagged: 0, skipped: 0 };
  // Connections stored before their seller's marketplace id was kept learn it here, where the credentials are open.
  if (credentials?.userId) rememberMarketplaceUser(db, connection.id, String(credentials.userId));
  for (const notification of pendingNotifications(db, connection.id, PER_PASS)) {
    const code = ORDER_RESOURCE.exec(notification.resource)?.[1];
    let order: MarketplaceOrder | null = null;
    if (code) {
      try {
        order = await adapter.readOrder(decodeURIComponent(code));
      } catch {
        continue;
      }
    }
    db.transaction(
      () => {
        const parsed = order ? marketplaceOrderSchema.safeParse(order) : null;
        if (parsed?.success && parsed.data.channel === connection.channel) {
          syncOne(db, connection.accountId, parsed.data as MarketplaceOrder, now(), stats);
        } else if (order) {
          stats.skipped++;
        }
        clearNotification(db, notification.id, notification.receivedAt);
      },
      { behavior: "immediate" },
    );
  }
  return stats;
}
