CREATE TABLE `erp_api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`name` text NOT NULL,
	`user_email` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `seller_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erp_api_keys_key_hash_unique` ON `erp_api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `erp_api_keys_account_idx` ON `erp_api_keys` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `erp_queue` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`visible_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `erp_queue_account_visible_idx` ON `erp_queue` (`account_id`,`visible_at`,`order_id`);--> statement-breakpoint
-- SkyHub's queue events (gitbook "Queues - Order Integration Queue"): a new order, its payment approved or overdue,
-- its cancellation. An order already in the queue is shown again at once with its new state. Only for accounts with
-- an active ERP key: the queue starts when an ERP is connected, as SkyHub's does, and holds nothing nobody reads.
CREATE TRIGGER `orders_erp_queue_insert` AFTER INSERT ON `orders`
WHEN EXISTS (SELECT 1 FROM `erp_api_keys` WHERE `account_id` = new.`account_id` AND `revoked_at` IS NULL) BEGIN
  INSERT INTO `erp_queue` (`order_id`, `account_id`, `visible_at`) VALUES (new.`id`, new.`account_id`, 0)
  ON CONFLICT (`order_id`) DO UPDATE SET `visible_at` = 0;
END;--> statement-breakpoint
CREATE TRIGGER `orders_erp_queue_status` AFTER UPDATE OF `status` ON `orders`
WHEN old.`status` IS NOT new.`status` AND new.`status` IN ('APPROVED', 'PAYMENT_OVERDUE', 'CANCELED')
  AND EXISTS (SELECT 1 FROM `erp_api_keys` WHERE `account_id` = new.`account_id` AND `revoked_at` IS NULL) BEGIN
  INSERT INTO `erp_queue` (`order_id`, `account_id`, `visible_at`) VALUES (new.`id`, new.`account_id`, 0)
  ON CONFLICT (`order_id`) DO UPDATE SET `visible_at` = 0;
END;
