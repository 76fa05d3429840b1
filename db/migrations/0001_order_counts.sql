CREATE TABLE `order_counts` (
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`account_id`, `channel`, `status`)
);
