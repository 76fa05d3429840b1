CREATE TABLE `channel_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`topic` text NOT NULL,
	`resource` text NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `channel_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_notifications_resource_uq` ON `channel_notifications` (`connection_id`,`resource`);--> statement-breakpoint
CREATE INDEX `channel_notifications_connection` ON `channel_notifications` (`connection_id`,`received_at`);--> statement-breakpoint
ALTER TABLE `channel_connections` ADD `marketplace_user_id` text;--> statement-breakpoint
CREATE INDEX `channel_connections_marketplace_user` ON `channel_connections` (`channel`,`marketplace_user_id`);