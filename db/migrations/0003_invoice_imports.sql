CREATE TABLE `invoice_import_rows` (
	`id` integer PRIMARY KEY NOT NULL,
	`import_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`position` integer NOT NULL,
	`file_name` text NOT NULL,
	`xml` blob,
	`access_key` text,
	`nfe` text,
	`verdict` text NOT NULL,
	`reason` text NOT NULL,
	`matched_by` text,
	`order_id` integer,
	`candidate_order_ids` text NOT NULL,
	`warnings` text NOT NULL,
	`dropped` integer DEFAULT false NOT NULL,
	`result_ok` integer,
	`result_message` text,
	`applied_at` integer,
	FOREIGN KEY (`import_id`) REFERENCES `invoice_imports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_import_rows_import_idx` ON `invoice_import_rows` (`import_id`,`position`);--> statement-breakpoint
CREATE TABLE `invoice_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_imports_account_idx` ON `invoice_imports` (`account_id`,`created_at`);