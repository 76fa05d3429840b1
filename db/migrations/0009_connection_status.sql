ALTER TABLE `channel_connections` ADD `last_error` text;--> statement-breakpoint
ALTER TABLE `channel_connections` ADD `last_error_at` integer;--> statement-breakpoint
ALTER TABLE `channel_connections` ADD `token_expires_at` integer;--> statement-breakpoint
ALTER TABLE `channel_connections` ADD `rate_limited_until` integer;