-- PostgreSQL schema for Fluxo, equal to the SQLite schema after db/migrations 0000-0019. The app keeps one Drizzle
-- schema (sqliteTable) and sends the SQL text of Drizzle's SQLite dialect here, so every table takes exactly what
-- SQLite's takes: integers (ids, cents, counts, epoch-ms times, 0/1 booleans) are bigint, JSON is text, blobs bytea.
-- Drizzle's SQLite dialect inserts an explicit null into an integer primary key the caller left out (SQLite then
-- picks the rowid), and PostgreSQL does not apply a column default to an explicit null: a BEFORE INSERT trigger
-- fills the id from the table's sequence instead. NOT NULL is checked after BEFORE triggers, so the null never lands.
-- Rows inserted with an id of their own (seeds, tests, imports) must not leave the sequence behind, or a later auto
-- id would collide as it never does in SQLite (which picks max(rowid) + 1, or past sqlite_sequence): an explicit id
-- past the sequence moves it up. That path takes a transaction-scoped advisory lock keyed by the sequence, so two
-- transactions giving ids out of turn cannot set it back (setval is not transactional and has no "only forward");
-- rows without an id never take the lock and pay only nextval.
CREATE FUNCTION "fluxo_fill_id"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq regclass := TG_ARGV[0]::regclass;
BEGIN
  IF NEW."id" IS NULL THEN
    NEW."id" := nextval(seq);
  ELSIF NEW."id" > coalesce(pg_sequence_last_value(seq), 0) THEN
    PERFORM pg_advisory_xact_lock(seq::oid::bigint);
    -- Read again under the lock: another transaction may have moved it past this id meanwhile.
    IF NEW."id" > coalesce(pg_sequence_last_value(seq), 0) THEN
      PERFORM setval(seq, NEW."id");
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE SEQUENCE "seller_accounts_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "seller_accounts" (
	"id" bigint PRIMARY KEY DEFAULT nextval('seller_accounts_id_seq') NOT NULL,
	"legal_name" text NOT NULL,
	"trade_name" text NOT NULL,
	"cnpj" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE "seller_accounts_id_seq" OWNED BY "seller_accounts"."id";
--> statement-breakpoint
CREATE TRIGGER "seller_accounts_fill_id" BEFORE INSERT ON "seller_accounts"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('seller_accounts_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "seller_accounts_cnpj_unique" ON "seller_accounts" ("cnpj");
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" bigint DEFAULT 0 NOT NULL,
	"image" text,
	"role" text NOT NULL,
	"seller_account_id" bigint REFERENCES "seller_accounts"("id"),
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" ("email");
--> statement-breakpoint
CREATE INDEX "users_seller_account_idx" ON "users" ("seller_account_id");
--> statement-breakpoint
CREATE TABLE "auth_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" bigint,
	"refresh_token_expires_at" bigint,
	"scope" text,
	"password" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "auth_accounts_user_idx" ON "auth_accounts" ("user_id");
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"count" bigint NOT NULL,
	"last_request" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rate_limits_key_unique" ON "rate_limits" ("key");
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL,
	"token" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL REFERENCES "users"("id") ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_unique" ON "sessions" ("token");
--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id");
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"created_at" bigint,
	"updated_at" bigint
);
--> statement-breakpoint
CREATE SEQUENCE "channel_connections_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "channel_connections" (
	"id" bigint PRIMARY KEY DEFAULT nextval('channel_connections_id_seq') NOT NULL,
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"channel" text NOT NULL,
	"base_url" text NOT NULL,
	"credentials" text,
	"enabled" bigint DEFAULT 1 NOT NULL,
	"pull_cursor" text,
	"last_pulled_at" bigint,
	"created_at" bigint NOT NULL,
	"last_error" text,
	"last_error_at" bigint,
	"token_expires_at" bigint,
	"rate_limited_until" bigint,
	"marketplace_user_id" text,
	"consecutive_failures" bigint DEFAULT 0 NOT NULL,
	"unreachable_since" bigint,
	"next_probe_at" bigint
);
--> statement-breakpoint
ALTER SEQUENCE "channel_connections_id_seq" OWNED BY "channel_connections"."id";
--> statement-breakpoint
CREATE TRIGGER "channel_connections_fill_id" BEFORE INSERT ON "channel_connections"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('channel_connections_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "channel_connections_account_channel_uq" ON "channel_connections" ("account_id","channel");
--> statement-breakpoint
CREATE INDEX "channel_connections_marketplace_user" ON "channel_connections" ("channel","marketplace_user_id");
--> statement-breakpoint
CREATE SEQUENCE "channel_notifications_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "channel_notifications" (
	"id" bigint PRIMARY KEY DEFAULT nextval('channel_notifications_id_seq') NOT NULL,
	"connection_id" bigint NOT NULL REFERENCES "channel_connections"("id") ON DELETE cascade,
	"topic" text NOT NULL,
	"resource" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE "channel_notifications_id_seq" OWNED BY "channel_notifications"."id";
--> statement-breakpoint
CREATE TRIGGER "channel_notifications_fill_id" BEFORE INSERT ON "channel_notifications"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('channel_notifications_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "channel_notifications_resource_uq" ON "channel_notifications" ("connection_id","resource");
--> statement-breakpoint
CREATE INDEX "channel_notifications_connection" ON "channel_notifications" ("connection_id","received_at");
--> statement-breakpoint
CREATE SEQUENCE "orders_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigint PRIMARY KEY DEFAULT nextval('orders_id_seq') NOT NULL,
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"channel" text NOT NULL,
	"marketplace_code" text NOT NULL,
	"logistics_mode" text NOT NULL,
	"status" text NOT NULL,
	"cancellation_requested_at" bigint,
	"cancellation_reason" text,
	"handled_manually_at" bigint,
	"placed_at" bigint NOT NULL,
	"approved_at" bigint,
	"estimated_delivery_at" bigint,
	"status_changed_at" bigint NOT NULL,
	"customer_name" text NOT NULL,
	"customer_name_search" text NOT NULL,
	"customer_document" text NOT NULL,
	"customer_email" text,
	"customer_phone" text,
	"ship_street" text NOT NULL,
	"ship_number" text NOT NULL,
	"ship_complement" text,
	"ship_district" text NOT NULL,
	"ship_city" text NOT NULL,
	"ship_state" text NOT NULL,
	"ship_zip" text NOT NULL,
	"items_cents" bigint NOT NULL,
	"shipping_cents" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"access_key" text,
	"tracking_code" text,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"deadline_at" bigint,
	"deadline_kind" text,
	"promised_ship_at" bigint
);
--> statement-breakpoint
ALTER SEQUENCE "orders_id_seq" OWNED BY "orders"."id";
--> statement-breakpoint
CREATE TRIGGER "orders_fill_id" BEFORE INSERT ON "orders"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('orders_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "orders_channel_code_uq" ON "orders" ("account_id","channel","marketplace_code");
--> statement-breakpoint
CREATE INDEX "orders_account_placed_idx" ON "orders" ("account_id","placed_at","id");
--> statement-breakpoint
CREATE INDEX "orders_account_status_placed_idx" ON "orders" ("account_id","status","placed_at","id");
--> statement-breakpoint
CREATE INDEX "orders_account_channel_status_placed_idx" ON "orders" ("account_id","channel","status","placed_at","id");
--> statement-breakpoint
CREATE INDEX "orders_account_document_idx" ON "orders" ("account_id","customer_document");
--> statement-breakpoint
CREATE INDEX "orders_access_key_idx" ON "orders" ("access_key");
--> statement-breakpoint
CREATE INDEX "orders_account_tracking_idx" ON "orders" ("account_id","tracking_code");
--> statement-breakpoint
CREATE INDEX "orders_account_code_number_idx" ON "orders" ("account_id", ltrim(upper(replace(replace(replace(replace("marketplace_code", '-', ''), ' ', ''), '.', ''), '/', '')), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
--> statement-breakpoint
CREATE INDEX "orders_account_status_changed_idx" ON "orders" ("account_id","status","status_changed_at");
--> statement-breakpoint
CREATE INDEX "orders_account_status_eta_idx" ON "orders" ("account_id","status","estimated_delivery_at");
--> statement-breakpoint
CREATE INDEX "orders_account_deadline_idx" ON "orders" ("account_id","deadline_at","channel","status");
--> statement-breakpoint
-- Stands in for SQLite's FTS5 table orders_name_fts (0002, 0004): full-text search over customer names, so a name
-- search does not scan the account's orders. customer_name_search is written lower-case and accent-free by the
-- app, so the 'simple' configuration is enough; the index follows the column with no trigger.
CREATE INDEX "orders_name_search_idx" ON "orders" USING gin (to_tsvector('simple', "customer_name_search"));
--> statement-breakpoint
CREATE SEQUENCE "order_items_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" bigint PRIMARY KEY DEFAULT nextval('order_items_id_seq') NOT NULL,
	"order_id" bigint NOT NULL REFERENCES "orders"("id") ON DELETE cascade,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"quantity" bigint NOT NULL,
	"unit_price_cents" bigint NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE "order_items_id_seq" OWNED BY "order_items"."id";
--> statement-breakpoint
CREATE TRIGGER "order_items_fill_id" BEFORE INSERT ON "order_items"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('order_items_id_seq');
--> statement-breakpoint
CREATE INDEX "order_items_order_idx" ON "order_items" ("order_id");
--> statement-breakpoint
CREATE SEQUENCE "invoices_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" bigint PRIMARY KEY DEFAULT nextval('invoices_id_seq') NOT NULL,
	"order_id" bigint NOT NULL REFERENCES "orders"("id"),
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"access_key" text NOT NULL,
	"source" text NOT NULL,
	"xml" bytea,
	"xml_file_name" text,
	"xml_sha256" text,
	"series" text NOT NULL,
	"number" text NOT NULL,
	"issued_at" bigint,
	"total_cents" bigint,
	"created_at" bigint NOT NULL,
	"created_by_user_id" text REFERENCES "users"("id")
);
--> statement-breakpoint
ALTER SEQUENCE "invoices_id_seq" OWNED BY "invoices"."id";
--> statement-breakpoint
CREATE TRIGGER "invoices_fill_id" BEFORE INSERT ON "invoices"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('invoices_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_access_key_unique" ON "invoices" ("access_key");
--> statement-breakpoint
CREATE INDEX "invoices_order_idx" ON "invoices" ("order_id");
--> statement-breakpoint
CREATE SEQUENCE "divergences_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "divergences" (
	"id" bigint PRIMARY KEY DEFAULT nextval('divergences_id_seq') NOT NULL,
	"order_id" bigint NOT NULL REFERENCES "orders"("id"),
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"hub_state" text NOT NULL,
	"marketplace_state" text NOT NULL,
	"likely_cause" text NOT NULL,
	"opened_at" bigint NOT NULL,
	"resolved_at" bigint,
	"resolved_by_user_id" text REFERENCES "users"("id"),
	"resolution" text,
	"note" text
);
--> statement-breakpoint
ALTER SEQUENCE "divergences_id_seq" OWNED BY "divergences"."id";
--> statement-breakpoint
CREATE TRIGGER "divergences_fill_id" BEFORE INSERT ON "divergences"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('divergences_id_seq');
--> statement-breakpoint
CREATE INDEX "divergences_open_idx" ON "divergences" ("resolved_at","opened_at");
--> statement-breakpoint
CREATE INDEX "divergences_order_idx" ON "divergences" ("order_id");
--> statement-breakpoint
CREATE INDEX "divergences_account_open_idx" ON "divergences" ("account_id","opened_at") WHERE "resolved_at" IS NULL;
--> statement-breakpoint
CREATE SEQUENCE "outbox_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY DEFAULT nextval('outbox_id_seq') NOT NULL,
	"order_id" bigint NOT NULL REFERENCES "orders"("id"),
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"payload" text NOT NULL,
	"state" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint,
	"lease_owner" text,
	"lease_until" bigint,
	"last_error" text,
	"marketplace_response" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE "outbox_id_seq" OWNED BY "outbox"."id";
--> statement-breakpoint
CREATE TRIGGER "outbox_fill_id" BEFORE INSERT ON "outbox"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('outbox_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_key_unique" ON "outbox" ("idempotency_key");
--> statement-breakpoint
CREATE INDEX "outbox_order_idx" ON "outbox" ("order_id");
--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" ("state","next_attempt_at");
--> statement-breakpoint
CREATE INDEX "outbox_account_state_idx" ON "outbox" ("account_id","state");
--> statement-breakpoint
-- An update waiting to go out with no time to go out is never picked by the worker (issue 15), so it is refused.
-- Kept as triggers rather than a CHECK so the error text is the one SQLite's RAISE(ABORT) gives.
CREATE FUNCTION "outbox_due_time_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'outbox: a pending or retrying update needs next_attempt_at';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "outbox_due_time_on_insert" BEFORE INSERT ON "outbox"
FOR EACH ROW WHEN (NEW."state" IN ('pending', 'retrying') AND NEW."next_attempt_at" IS NULL)
EXECUTE FUNCTION "outbox_due_time_guard"();
--> statement-breakpoint
CREATE TRIGGER "outbox_due_time_on_update" BEFORE UPDATE OF "state", "next_attempt_at" ON "outbox"
FOR EACH ROW WHEN (NEW."state" IN ('pending', 'retrying') AND NEW."next_attempt_at" IS NULL)
EXECUTE FUNCTION "outbox_due_time_guard"();
--> statement-breakpoint
CREATE SEQUENCE "shipments_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" bigint PRIMARY KEY DEFAULT nextval('shipments_id_seq') NOT NULL,
	"order_id" bigint NOT NULL REFERENCES "orders"("id"),
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"carrier" text NOT NULL,
	"tracking_code" text NOT NULL,
	"method" text NOT NULL,
	"tracking_url" text,
	"handed_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by_user_id" text REFERENCES "users"("id")
);
--> statement-breakpoint
ALTER SEQUENCE "shipments_id_seq" OWNED BY "shipments"."id";
--> statement-breakpoint
CREATE TRIGGER "shipments_fill_id" BEFORE INSERT ON "shipments"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('shipments_id_seq');
--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" ("order_id");
--> statement-breakpoint
CREATE SEQUENCE "timeline_entries_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" bigint PRIMARY KEY DEFAULT nextval('timeline_entries_id_seq') NOT NULL,
	"order_id" bigint NOT NULL REFERENCES "orders"("id"),
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"at" bigint NOT NULL,
	"actor_type" text NOT NULL,
	"actor_user_id" text REFERENCES "users"("id"),
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"summary" text NOT NULL,
	"data" text
);
--> statement-breakpoint
ALTER SEQUENCE "timeline_entries_id_seq" OWNED BY "timeline_entries"."id";
--> statement-breakpoint
CREATE TRIGGER "timeline_entries_fill_id" BEFORE INSERT ON "timeline_entries"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('timeline_entries_id_seq');
--> statement-breakpoint
CREATE INDEX "timeline_order_at_idx" ON "timeline_entries" ("order_id","at","id");
--> statement-breakpoint
CREATE SEQUENCE "invoice_imports_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "invoice_imports" (
	"id" bigint PRIMARY KEY DEFAULT nextval('invoice_imports_id_seq') NOT NULL,
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"created_by_user_id" text REFERENCES "users"("id"),
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER SEQUENCE "invoice_imports_id_seq" OWNED BY "invoice_imports"."id";
--> statement-breakpoint
CREATE TRIGGER "invoice_imports_fill_id" BEFORE INSERT ON "invoice_imports"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('invoice_imports_id_seq');
--> statement-breakpoint
CREATE INDEX "invoice_imports_account_idx" ON "invoice_imports" ("account_id","created_at");
--> statement-breakpoint
CREATE SEQUENCE "invoice_import_rows_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "invoice_import_rows" (
	"id" bigint PRIMARY KEY DEFAULT nextval('invoice_import_rows_id_seq') NOT NULL,
	"import_id" bigint NOT NULL REFERENCES "invoice_imports"("id") ON DELETE cascade,
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"position" bigint NOT NULL,
	"file_name" text NOT NULL,
	"xml" bytea,
	"access_key" text,
	"nfe" text,
	"verdict" text NOT NULL,
	"reason" text NOT NULL,
	"matched_by" text,
	"order_id" bigint REFERENCES "orders"("id"),
	"candidate_order_ids" text NOT NULL,
	"warnings" text NOT NULL,
	"dropped" bigint DEFAULT 0 NOT NULL,
	"result_ok" bigint,
	"result_message" text,
	"applied_at" bigint,
	"confirmed_difference" text
);
--> statement-breakpoint
ALTER SEQUENCE "invoice_import_rows_id_seq" OWNED BY "invoice_import_rows"."id";
--> statement-breakpoint
CREATE TRIGGER "invoice_import_rows_fill_id" BEFORE INSERT ON "invoice_import_rows"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('invoice_import_rows_id_seq');
--> statement-breakpoint
CREATE INDEX "invoice_import_rows_import_idx" ON "invoice_import_rows" ("import_id","position");
--> statement-breakpoint
CREATE SEQUENCE "erp_api_keys_id_seq" AS bigint;
--> statement-breakpoint
CREATE TABLE "erp_api_keys" (
	"id" bigint PRIMARY KEY DEFAULT nextval('erp_api_keys_id_seq') NOT NULL,
	"account_id" bigint NOT NULL REFERENCES "seller_accounts"("id"),
	"name" text NOT NULL,
	"user_email" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by_user_id" text REFERENCES "users"("id"),
	"created_at" bigint NOT NULL,
	"last_used_at" bigint,
	"revoked_at" bigint
);
--> statement-breakpoint
ALTER SEQUENCE "erp_api_keys_id_seq" OWNED BY "erp_api_keys"."id";
--> statement-breakpoint
CREATE TRIGGER "erp_api_keys_fill_id" BEFORE INSERT ON "erp_api_keys"
FOR EACH ROW EXECUTE FUNCTION "fluxo_fill_id"('erp_api_keys_id_seq');
--> statement-breakpoint
CREATE UNIQUE INDEX "erp_api_keys_key_hash_unique" ON "erp_api_keys" ("key_hash");
--> statement-breakpoint
CREATE INDEX "erp_api_keys_account_idx" ON "erp_api_keys" ("account_id","created_at");
--> statement-breakpoint
CREATE TABLE "erp_queue" (
	"order_id" bigint PRIMARY KEY NOT NULL REFERENCES "orders"("id"),
	"account_id" bigint NOT NULL,
	"visible_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "erp_queue_account_visible_idx" ON "erp_queue" ("account_id","visible_at","order_id");
--> statement-breakpoint
-- Counts per (account, channel, status) kept by triggers, so the board's tabs never count the orders table.
CREATE TABLE "order_counts" (
	"account_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	PRIMARY KEY("account_id", "channel", "status")
);
--> statement-breakpoint
CREATE FUNCTION "orders_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "order_counts" ("account_id", "channel", "status", "n") VALUES (NEW."account_id", NEW."channel", NEW."status", 1)
  ON CONFLICT ("account_id", "channel", "status") DO UPDATE SET "n" = "order_counts"."n" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_counts_insert" AFTER INSERT ON "orders"
FOR EACH ROW EXECUTE FUNCTION "orders_counts_insert"();
--> statement-breakpoint
CREATE FUNCTION "orders_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_counts" SET "n" = "n" - 1
  WHERE "account_id" = OLD."account_id" AND "channel" = OLD."channel" AND "status" = OLD."status";
  INSERT INTO "order_counts" ("account_id", "channel", "status", "n") VALUES (NEW."account_id", NEW."channel", NEW."status", 1)
  ON CONFLICT ("account_id", "channel", "status") DO UPDATE SET "n" = "order_counts"."n" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_counts_update" AFTER UPDATE OF "status", "channel", "account_id" ON "orders"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."channel" IS DISTINCT FROM NEW."channel"
  OR OLD."account_id" IS DISTINCT FROM NEW."account_id")
EXECUTE FUNCTION "orders_counts_update"();
--> statement-breakpoint
CREATE FUNCTION "orders_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_counts" SET "n" = "n" - 1
  WHERE "account_id" = OLD."account_id" AND "channel" = OLD."channel" AND "status" = OLD."status";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_counts_delete" AFTER DELETE ON "orders"
FOR EACH ROW EXECUTE FUNCTION "orders_counts_delete"();
--> statement-breakpoint
-- For each block of 256 order ids (id >> 8; ORDER_ID_BLOCK_BITS in db/schema/orders.ts), the newest placed_at of
-- any order in it or below it, so the board's name search can walk its matches newest id first and stop as soon
-- as no smaller id can hold a newer order. Kept by triggers; values only grow, which keeps them a safe bound.
CREATE TABLE "order_id_blocks" (
	"block" bigint PRIMARY KEY NOT NULL,
	"newest_placed_at" bigint NOT NULL
);
--> statement-breakpoint
-- A new block starts from the bound below it; an order newer than the blocks above its id (an id given out of
-- turn, or a changed date) raises them. Ids are handed out in turn, so that update finds nothing to do.
CREATE FUNCTION "orders_id_blocks_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "order_id_blocks" ("block", "newest_placed_at")
  VALUES (NEW."id" >> 8, greatest(NEW."placed_at", coalesce(
    (SELECT "newest_placed_at" FROM "order_id_blocks" WHERE "block" < (NEW."id" >> 8) ORDER BY "block" DESC LIMIT 1),
    NEW."placed_at")))
  ON CONFLICT ("block") DO UPDATE SET "newest_placed_at" = greatest("order_id_blocks"."newest_placed_at", excluded."newest_placed_at");
  UPDATE "order_id_blocks" SET "newest_placed_at" = NEW."placed_at"
  WHERE "block" > (NEW."id" >> 8) AND "newest_placed_at" < NEW."placed_at";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_id_blocks_insert" AFTER INSERT ON "orders"
FOR EACH ROW EXECUTE FUNCTION "orders_id_blocks_insert"();
--> statement-breakpoint
CREATE FUNCTION "orders_id_blocks_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_id_blocks" SET "newest_placed_at" = NEW."placed_at"
  WHERE "block" >= (NEW."id" >> 8) AND "newest_placed_at" < NEW."placed_at";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_id_blocks_update" AFTER UPDATE OF "placed_at" ON "orders"
FOR EACH ROW EXECUTE FUNCTION "orders_id_blocks_update"();
--> statement-breakpoint
-- Orders with a deadline per account, channel, status and UTC day of the deadline, kept as order_counts is: the
-- board's late figure adds up the whole days before today's and counts only today's part of the deadline index,
-- instead of every late order of the account (bench/RESULTS.md, board benchmark).
CREATE TABLE "order_deadline_counts" (
	"account_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"day" bigint NOT NULL,
	"n" bigint NOT NULL,
	PRIMARY KEY("account_id", "channel", "status", "day")
);
--> statement-breakpoint
CREATE FUNCTION "orders_deadline_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "order_deadline_counts" ("account_id", "channel", "status", "day", "n")
  VALUES (NEW."account_id", NEW."channel", NEW."status", NEW."deadline_at" / 86400000, 1)
  ON CONFLICT ("account_id", "channel", "status", "day") DO UPDATE SET "n" = "order_deadline_counts"."n" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_deadline_counts_insert" AFTER INSERT ON "orders"
FOR EACH ROW WHEN (NEW."deadline_at" IS NOT NULL)
EXECUTE FUNCTION "orders_deadline_counts_insert"();
--> statement-breakpoint
CREATE FUNCTION "orders_deadline_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_deadline_counts" SET "n" = "n" - 1
  WHERE OLD."deadline_at" IS NOT NULL AND "account_id" = OLD."account_id" AND "channel" = OLD."channel"
    AND "status" = OLD."status" AND "day" = OLD."deadline_at" / 86400000;
  INSERT INTO "order_deadline_counts" ("account_id", "channel", "status", "day", "n")
  SELECT NEW."account_id", NEW."channel", NEW."status", NEW."deadline_at" / 86400000, 1 WHERE NEW."deadline_at" IS NOT NULL
  ON CONFLICT ("account_id", "channel", "status", "day") DO UPDATE SET "n" = "order_deadline_counts"."n" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_deadline_counts_update" AFTER UPDATE OF "deadline_at", "status", "channel", "account_id" ON "orders"
FOR EACH ROW WHEN (OLD."deadline_at" IS DISTINCT FROM NEW."deadline_at" OR OLD."status" IS DISTINCT FROM NEW."status"
  OR OLD."channel" IS DISTINCT FROM NEW."channel" OR OLD."account_id" IS DISTINCT FROM NEW."account_id")
EXECUTE FUNCTION "orders_deadline_counts_update"();
--> statement-breakpoint
CREATE FUNCTION "orders_deadline_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_deadline_counts" SET "n" = "n" - 1
  WHERE "account_id" = OLD."account_id" AND "channel" = OLD."channel" AND "status" = OLD."status"
    AND "day" = OLD."deadline_at" / 86400000;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_deadline_counts_delete" AFTER DELETE ON "orders"
FOR EACH ROW WHEN (OLD."deadline_at" IS NOT NULL)
EXECUTE FUNCTION "orders_deadline_counts_delete"();
--> statement-breakpoint
-- The same per UTC hour of the deadline, keyed hour first: the late and due-today counts add up today's whole hours
-- from here and read the deadline index for the present hour only, instead of today's whole stretch.
CREATE TABLE "order_deadline_hour_counts" (
	"account_id" bigint NOT NULL,
	"hour" bigint NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	PRIMARY KEY("account_id", "hour", "channel", "status")
);
--> statement-breakpoint
CREATE FUNCTION "orders_deadline_hour_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "order_deadline_hour_counts" ("account_id", "hour", "channel", "status", "n")
  VALUES (NEW."account_id", NEW."deadline_at" / 3600000, NEW."channel", NEW."status", 1)
  ON CONFLICT ("account_id", "hour", "channel", "status") DO UPDATE SET "n" = "order_deadline_hour_counts"."n" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_deadline_hour_counts_insert" AFTER INSERT ON "orders"
FOR EACH ROW WHEN (NEW."deadline_at" IS NOT NULL)
EXECUTE FUNCTION "orders_deadline_hour_counts_insert"();
--> statement-breakpoint
CREATE FUNCTION "orders_deadline_hour_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_deadline_hour_counts" SET "n" = "n" - 1
  WHERE OLD."deadline_at" IS NOT NULL AND "account_id" = OLD."account_id" AND "hour" = OLD."deadline_at" / 3600000
    AND "channel" = OLD."channel" AND "status" = OLD."status";
  INSERT INTO "order_deadline_hour_counts" ("account_id", "hour", "channel", "status", "n")
  SELECT NEW."account_id", NEW."deadline_at" / 3600000, NEW."channel", NEW."status", 1 WHERE NEW."deadline_at" IS NOT NULL
  ON CONFLICT ("account_id", "hour", "channel", "status") DO UPDATE SET "n" = "order_deadline_hour_counts"."n" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_deadline_hour_counts_update" AFTER UPDATE OF "deadline_at", "status", "channel", "account_id" ON "orders"
FOR EACH ROW WHEN (OLD."deadline_at" IS DISTINCT FROM NEW."deadline_at" OR OLD."status" IS DISTINCT FROM NEW."status"
  OR OLD."channel" IS DISTINCT FROM NEW."channel" OR OLD."account_id" IS DISTINCT FROM NEW."account_id")
EXECUTE FUNCTION "orders_deadline_hour_counts_update"();
--> statement-breakpoint
CREATE FUNCTION "orders_deadline_hour_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_deadline_hour_counts" SET "n" = "n" - 1
  WHERE "account_id" = OLD."account_id" AND "hour" = OLD."deadline_at" / 3600000 AND "channel" = OLD."channel"
    AND "status" = OLD."status";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_deadline_hour_counts_delete" AFTER DELETE ON "orders"
FOR EACH ROW WHEN (OLD."deadline_at" IS NOT NULL)
EXECUTE FUNCTION "orders_deadline_hour_counts_delete"();
