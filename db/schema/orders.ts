import { type SQL, sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "../../server/domain/channels/channels";
import { DIVERGENCE_KINDS } from "../../server/domain/divergences/kinds";
import { DEADLINE_KINDS } from "../../server/domain/orders/deadline-kinds";
import { ORDER_STATUSES } from "../../server/domain/orders/status";
import { OUTBOX_STATES } from "../../server/domain/replication/outbox-states";
import { sellerAccounts } from "./accounts";
import { users } from "./auth";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

/**
 * An order code without case, spaces, dots, dashes or slashes, as the index on it stores it, so "mgz 6252300"
 * finds "MGZ-6252300". Queries must use this same expression for SQLite to read that index.
 * `compactOrderCode` (server/domain/orders/order-code.ts) gives the same for a typed value.
 */
export const compactCode = (code: SQLiteColumn | SQL) =>
  sql`upper(replace(replace(replace(replace(${code}, '-', ''), ' ', ''), '.', ''), '/', ''))`;

/**
 * The compact code without the marketplace's letters in front ("MGZ62523000253" → "62523000253"), as the index
 * on codes stores it: the board finds an order by its number alone, and an exact code is this plus
 * `compactCode` (`codeIsOneOf` in db/queries/order-codes.ts). `orderCodeNumber`
 * (server/domain/orders/order-code.ts) gives the same in JS.
 */
export const codeNumber = (code: SQLiteColumn | SQL) => sql`ltrim(${compactCode(code)}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')`;

export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    marketplaceCode: text("marketplace_code").notNull(),
    logisticsMode: text("logistics_mode", { enum: LOGISTICS_MODE_IDS }).notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    // An invoiced order cannot be canceled outright: the marketplace must confirm (SPEC §2).
    cancellationRequestedAt: ts("cancellation_requested_at"),
    cancellationReason: text("cancellation_reason"),
    // Set when support accepts a manual change made in the marketplace panel: replication stops.
    handledManuallyAt: ts("handled_manually_at"),
    placedAt: ts("placed_at").notNull(),
    approvedAt: ts("approved_at"),
    estimatedDeliveryAt: ts("estimated_delivery_at"),
    /** The dispatch date the marketplace promised the buyer, where its API gives one (SPEC §3 "Deadlines"). */
    promisedShipAt: ts("promised_ship_at"),
    statusChangedAt: ts("status_changed_at").notNull(),
    // The next deadline (server/domain/orders/deadlines.ts), written with every status change so the board's
    // late / due-today filters, their counts and the deadline sort read one index.
    deadlineAt: ts("deadline_at"),
    deadlineKind: text("deadline_kind", { enum: DEADLINE_KINDS }),
    customerName: text("customer_name").notNull(),
    // Lower-case, accent-free copy of the name so search does not depend on how it was typed.
    customerNameSearch: text("customer_name_search").notNull(),
    customerDocument: text("customer_document").notNull(),
    customerEmail: text("customer_email"),
    customerPhone: text("customer_phone"),
    shipStreet: text("ship_street").notNull(),
    shipNumber: text("ship_number").notNull(),
    shipComplement: text("ship_complement"),
    shipDistrict: text("ship_district").notNull(),
    shipCity: text("ship_city").notNull(),
    shipState: text("ship_state").notNull(),
    shipZip: text("ship_zip").notNull(),
    itemsCents: integer("items_cents").notNull(),
    shippingCents: integer("shipping_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    // Current invoice key and tracking code, copied here so the board searches one table.
    accessKey: text("access_key"),
    trackingCode: text("tracking_code"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("orders_channel_code_uq").on(t.accountId, t.channel, t.marketplaceCode),
    index("orders_account_placed_idx").on(t.accountId, t.placedAt, t.id),
    index("orders_account_status_placed_idx").on(t.accountId, t.status, t.placedAt, t.id),
    index("orders_account_channel_status_placed_idx").on(t.accountId, t.channel, t.status, t.placedAt, t.id),
    index("orders_account_code_number_idx").on(t.accountId, codeNumber(t.marketplaceCode)),
    index("orders_account_document_idx").on(t.accountId, t.customerDocument),
    index("orders_access_key_idx").on(t.accessKey),
    index("orders_account_tracking_idx").on(t.accountId, t.trackingCode),
    // The dashboard's "parado há N h" and "entrega atrasada" buckets count by status and age; without these the
    // count reads every order of the account (bench/RESULTS.md, load benchmark).
    index("orders_account_status_changed_idx").on(t.accountId, t.status, t.statusChangedAt),
    index("orders_account_status_eta_idx").on(t.accountId, t.status, t.estimatedDeliveryAt),
    // Late and due today are ranges of deadline_at, counted by channel and status without reading the orders
    // (0015); the deadline sort walks it, ordering the rare equal deadlines by id as it goes.
    index("orders_account_deadline_idx").on(t.accountId, t.deadlineAt, t.channel, t.status),
  ],
);

export const orderItems = sqliteTable(
  "order_items",
  {
    // Plain rowid keys: AUTOINCREMENT costs a write per insert and these rows are never deleted.
    id: integer("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
  },
  (t) => [index("order_items_order_idx").on(t.orderId)],
);

export const invoices = sqliteTable(
  "invoices",
  {
    // Plain rowid keys: AUTOINCREMENT costs a write per insert and these rows are never deleted.
    id: integer("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    // A key identifies one NF-e: it can invoice one order only.
    accessKey: text("access_key").notNull().unique(),
    source: text("source", { enum: ["key", "xml"] }).notNull(),
    // The uploaded file, byte for byte, as the seller's fiscal record.
    xml: blob("xml", { mode: "buffer" }),
    xmlFileName: text("xml_file_name"),
    xmlSha256: text("xml_sha256"),
    series: text("series").notNull(),
    number: text("number").notNull(),
    issuedAt: ts("issued_at"),
    totalCents: integer("total_cents"),
    createdAt: ts("created_at").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
  },
  (t) => [index("invoices_order_idx").on(t.orderId)],
);

export const shipments = sqliteTable(
  "shipments",
  {
    // Plain rowid keys: AUTOINCREMENT costs a write per insert and these rows are never deleted.
    id: integer("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    carrier: text("carrier").notNull(),
    trackingCode: text("tracking_code").notNull(),
    method: text("method").notNull(),
    trackingUrl: text("tracking_url"),
    handedAt: ts("handed_at").notNull(),
    createdAt: ts("created_at").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
  },
  (t) => [index("shipments_order_idx").on(t.orderId)],
);

// Append-only: nothing updates or deletes a timeline entry.
export const timelineEntries = sqliteTable(
  "timeline_entries",
  {
    // Plain rowid keys: AUTOINCREMENT costs a write per insert and these rows are never deleted.
    id: integer("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    at: ts("at").notNull(),
    actorType: text("actor_type", { enum: ["user", "channel", "system"] }).notNull(),
    actorUserId: text("actor_user_id").references(() => users.id),
    actorName: text("actor_name").notNull(),
    kind: text("kind").notNull(),
    fromStatus: text("from_status", { enum: ORDER_STATUSES }),
    toStatus: text("to_status", { enum: ORDER_STATUSES }),
    summary: text("summary").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("timeline_order_at_idx").on(t.orderId, t.at, t.id)],
);

// Updates waiting to reach the marketplace, written in the same transaction as the order change.
export const outbox = sqliteTable(
  "outbox",
  {
    // Plain rowid keys: AUTOINCREMENT costs a write per insert and these rows are never deleted.
    id: integer("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    state: text("state", { enum: OUTBOX_STATES }).notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    leaseOwner: text("lease_owner"),
    leaseUntil: ts("lease_until"),
    lastError: text("last_error"),
    marketplaceResponse: text("marketplace_response", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("outbox_order_idx").on(t.orderId),
    index("outbox_due_idx").on(t.state, t.nextAttemptAt),
    index("outbox_account_state_idx").on(t.accountId, t.state),
  ],
);

export const divergences = sqliteTable(
  "divergences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => sellerAccounts.id),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    kind: text("kind", { enum: DIVERGENCE_KINDS }).notNull(),
    hubState: text("hub_state", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    marketplaceState: text("marketplace_state", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    likelyCause: text("likely_cause").notNull(),
    openedAt: ts("opened_at").notNull(),
    resolvedAt: ts("resolved_at"),
    resolvedByUserId: text("resolved_by_user_id").references(() => users.id),
    resolution: text("resolution"),
    note: text("note"),
  },
  (t) => [
    index("divergences_open_idx").on(t.resolvedAt, t.openedAt),
    index("divergences_order_idx").on(t.orderId),
    index("divergences_account_open_idx").on(t.accountId, t.openedAt).where(sql`resolved_at is null`),
  ],
);

// Orders per (account, channel, status), kept by triggers on `orders` (migration 0001): the board's tabs
// read a handful of rows instead of counting hundreds of thousands of index entries.
export const orderCounts = sqliteTable(
  "order_counts",
  {
    accountId: integer("account_id").notNull(),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.channel, t.status] })],
);

/** The width of a day of `orderDeadlineCounts`: UTC days, as `deadline_at / DEADLINE_DAY_MS` in SQL. */
export const DEADLINE_DAY_MS = 86_400_000;

// Orders with a deadline per (account, channel, status, UTC day of the deadline), kept by triggers on `orders`
// (migration 0015): the late figure adds up the whole days before today's instead of counting every late order.
export const orderDeadlineCounts = sqliteTable(
  "order_deadline_counts",
  {
    accountId: integer("account_id").notNull(),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    day: integer("day").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.channel, t.status, t.day] })],
);

/** The width of an hour of `orderDeadlineHourCounts`, as `deadline_at / DEADLINE_HOUR_MS` in SQL. */
export const DEADLINE_HOUR_MS = 3_600_000;

// The same per UTC hour, keyed hour first (migration 0016): today's whole hours before the present one and after it
// are a short range of rows, so late and due-today counts read the deadline index for the present hour only.
export const orderDeadlineHourCounts = sqliteTable(
  "order_deadline_hour_counts",
  {
    accountId: integer("account_id").notNull(),
    hour: integer("hour").notNull(),
    channel: text("channel", { enum: CHANNEL_IDS }).notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.hour, t.channel, t.status] })],
);

/** Order ids are grouped in blocks of 2^ORDER_ID_BLOCK_BITS for `orderIdBlocks`; migration 0007 uses 8. */
export const ORDER_ID_BLOCK_BITS = 8;

// For each block of 256 order ids, the newest placed_at of any order in it or in a block below, kept by
// triggers on `orders` (migration 0007). Ids grow as orders arrive, nearly in the order they were placed, so
// this bounds how new any order below an id can be: the name search walks its matches newest id first and knows
// exactly when no smaller id can still belong on the page. One row read answers it.
export const orderIdBlocks = sqliteTable("order_id_blocks", {
  block: integer("block").primaryKey(),
  newestPlacedAt: integer("newest_placed_at").notNull(),
});
