CREATE TABLE `channel_connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`base_url` text NOT NULL,
	`credentials` text,
	`enabled` integer DEFAULT true NOT NULL,
	`pull_cursor` text,
	`last_pulled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_connections_account_channel_uq` ON `channel_connections` (`account_id`,`channel`);--> statement-breakpoint
CREATE TABLE `seller_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`legal_name` text NOT NULL,
	`trade_name` text NOT NULL,
	`cnpj` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seller_accounts_cnpj_unique` ON `seller_accounts` (`cnpj`);--> statement-breakpoint
CREATE TABLE `auth_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`user_id` text NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`id_token` text,
	`access_token_expires_at` integer,
	`refresh_token_expires_at` integer,
	`scope` text,
	`password` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_accounts_user_idx` ON `auth_accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	`last_request` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rate_limits_key_unique` ON `rate_limits` (`key`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`user_id` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_unique` ON `sessions` (`token`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`image` text,
	`role` text NOT NULL,
	`seller_account_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`seller_account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_seller_account_idx` ON `users` (`seller_account_id`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `divergences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`hub_state` text NOT NULL,
	`marketplace_state` text NOT NULL,
	`likely_cause` text NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by_user_id` text,
	`resolution` text,
	`note` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `divergences_open_idx` ON `divergences` (`resolved_at`,`opened_at`);--> statement-breakpoint
CREATE INDEX `divergences_order_idx` ON `divergences` (`order_id`);--> statement-breakpoint
CREATE INDEX `divergences_account_open_idx` ON `divergences` (`account_id`,`opened_at`) WHERE resolved_at is null;--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`access_key` text NOT NULL,
	`source` text NOT NULL,
	`xml` blob,
	`xml_file_name` text,
	`xml_sha256` text,
	`series` text NOT NULL,
	`number` text NOT NULL,
	`issued_at` integer,
	`total_cents` integer,
	`created_at` integer NOT NULL,
	`created_by_user_id` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_access_key_unique` ON `invoices` (`access_key`);--> statement-breakpoint
CREATE INDEX `invoices_order_idx` ON `invoices` (`order_id`);--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `order_items_order_idx` ON `order_items` (`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`marketplace_code` text NOT NULL,
	`logistics_mode` text NOT NULL,
	`status` text NOT NULL,
	`cancellation_requested_at` integer,
	`cancellation_reason` text,
	`handled_manually_at` integer,
	`placed_at` integer NOT NULL,
	`approved_at` integer,
	`estimated_delivery_at` integer,
	`status_changed_at` integer NOT NULL,
	`customer_name` text NOT NULL,
	`customer_name_search` text NOT NULL,
	`customer_document` text NOT NULL,
	`customer_email` text,
	`customer_phone` text,
	`ship_street` text NOT NULL,
	`ship_number` text NOT NULL,
	`ship_complement` text,
	`ship_district` text NOT NULL,
	`ship_city` text NOT NULL,
	`ship_state` text NOT NULL,
	`ship_zip` text NOT NULL,
	`items_cents` integer NOT NULL,
	`shipping_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`access_key` text,
	`tracking_code` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_channel_code_uq` ON `orders` (`account_id`,`channel`,`marketplace_code`);--> statement-breakpoint
CREATE INDEX `orders_account_placed_idx` ON `orders` (`account_id`,`placed_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_account_status_placed_idx` ON `orders` (`account_id`,`status`,`placed_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_account_channel_status_placed_idx` ON `orders` (`account_id`,`channel`,`status`,`placed_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_account_code_idx` ON `orders` (`account_id`,`marketplace_code`);--> statement-breakpoint
CREATE INDEX `orders_account_document_idx` ON `orders` (`account_id`,`customer_document`);--> statement-breakpoint
CREATE INDEX `orders_access_key_idx` ON `orders` (`access_key`);--> statement-breakpoint
CREATE INDEX `orders_account_tracking_idx` ON `orders` (`account_id`,`tracking_code`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`state` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`lease_owner` text,
	`lease_until` integer,
	`last_error` text,
	`marketplace_response` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_order_idx` ON `outbox` (`order_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_account_state_idx` ON `outbox` (`account_id`,`state`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`carrier` text NOT NULL,
	`tracking_code` text NOT NULL,
	`method` text NOT NULL,
	`tracking_url` text,
	`handed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_user_id` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shipments_order_idx` ON `shipments` (`order_id`);--> statement-breakpoint
CREATE TABLE `timeline_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_user_id` text,
	`actor_name` text NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`summary` text NOT NULL,
	`data` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timeline_order_at_idx` ON `timeline_entries` (`order_id`,`at`,`id`);