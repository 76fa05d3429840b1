import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CHANNEL_IDS } from "../../server/domain/channels/channels";

export const sellerAccounts = sqliteTable("seller_accounts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  legalName: text("legal_name").notNull(),
  tradeName: text("trade_name").notNull(),
  // Stored normalised (no punctuation, upper case): since July 2026 a CNPJ may be alphanumeric.
  cnpj: text("cnpj").notNull().unique(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

// Which marketplaces an account is connected to and how to reach them (issue 4 fills in the worker side).
export const channelConnections = sqliteTable(
  "channel_connections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    baseUrl: text("base_url").notNull(),
    /** The channel's keys or tokens as JSON, sealed with AES-256-GCM (server/security/secrets.ts); never sent out. */
    credentials: text("credentials"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    pullCursor: text("pull_cursor"),
    lastPulledAt: integer("last_pulled_at", { mode: "timestamp_ms" }),
    /** The last failure talking to the marketplace, in plain pt-BR words, until a call succeeds again. */
    lastError: text("last_error"),
    lastErrorAt: integer("last_error_at", { mode: "timestamp_ms" }),
    /** When the access token expires (OAuth channels). */
    tokenExpiresAt: integer("token_expires_at", { mode: "timestamp_ms" }),
    /** Until when the marketplace asked the hub to wait (HTTP 429). */
    rateLimitedUntil: integer("rate_limited_until", { mode: "timestamp_ms" }),
    /**
     * The seller's id on the marketplace (Mercado Livre's user_id), not secret: it routes the marketplace's
     * notifications to their connection without opening every connection's credentials.
     */
    marketplaceUserId: text("marketplace_user_id"),
    /**
     * Outage bookkeeping (issue 15): calls that failed in a row without any answer, since when the marketplace has
     * been taken for down, and when the next single probe may go out while it is.
     */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    unreachableSince: integer("unreachable_since", { mode: "timestamp_ms" }),
    nextProbeAt: integer("next_probe_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("channel_connections_account_channel_uq").on(t.accountId, t.channel),
    index("channel_connections_marketplace_user").on(t.channel, t.marketplaceUserId),
  ],
);
