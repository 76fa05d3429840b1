import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sellerAccounts } from "./accounts";
import { users } from "./auth";
import { orders } from "./orders";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

/**
 * Keys an account's ERP uses on the SkyHub-compatible API (issue 18). Only the SHA-256 of the key is kept: it is
 * shown once, at creation. The e-mail is the X-User-Email the ERP sends with it (SkyHub asks for both).
 */
export const erpApiKeys = sqliteTable(
  "erp_api_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    name: text("name").notNull(),
    userEmail: text("user_email").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    /** The key's first characters, so the seller can tell keys apart on the page. */
    keyPrefix: text("key_prefix").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: ts("created_at").notNull(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("erp_api_keys_account_idx").on(t.accountId, t.createdAt)],
);

/**
 * SkyHub's order queue, per account: which changes put an order here is the domain's rule
 * (server/domain/erp/queue.ts, for accounts with an active key); `GET /queues/orders` hides it for 5 minutes and
 * `DELETE` removes it.
 */
export const erpQueue = sqliteTable(
  "erp_queue",
  {
    orderId: integer("order_id")
      .primaryKey()
      .references(() => orders.id),
    accountId: integer("account_id").notNull(),
    visibleAt: integer("visible_at").notNull(),
  },
  (t) => [index("erp_queue_account_visible_idx").on(t.accountId, t.visibleAt, t.orderId)],
);
