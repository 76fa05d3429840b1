-- Orders with a deadline per account, channel, status and UTC day of the deadline, kept by the triggers below as
-- order_counts is (0002): the board's late figure adds up the whole days before today's and counts only today's
-- part of the deadline index, instead of every late order of the account (bench/RESULTS.md, board benchmark).
-- The deadline index carries the channel and the status, so that part is counted by channel and by status without
-- reading the orders.
CREATE TABLE `order_deadline_counts` (
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`day` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`account_id`, `channel`, `status`, `day`)
);--> statement-breakpoint
INSERT INTO `order_deadline_counts` (`account_id`, `channel`, `status`, `day`, `n`)
SELECT `account_id`, `channel`, `status`, `deadline_at` / 86400000, count(*) FROM `orders`
WHERE `deadline_at` IS NOT NULL GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE TRIGGER `orders_deadline_counts_insert` AFTER INSERT ON `orders` WHEN new.`deadline_at` IS NOT NULL BEGIN
  INSERT INTO `order_deadline_counts` (`account_id`, `channel`, `status`, `day`, `n`)
  VALUES (new.`account_id`, new.`channel`, new.`status`, new.`deadline_at` / 86400000, 1)
  ON CONFLICT (`account_id`, `channel`, `status`, `day`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `orders_deadline_counts_update` AFTER UPDATE OF `deadline_at`, `status`, `channel`, `account_id` ON `orders`
WHEN old.`deadline_at` IS NOT new.`deadline_at` OR old.`status` IS NOT new.`status` OR old.`channel` IS NOT new.`channel`
  OR old.`account_id` IS NOT new.`account_id` BEGIN
  UPDATE `order_deadline_counts` SET `n` = `n` - 1
  WHERE old.`deadline_at` IS NOT NULL AND `account_id` = old.`account_id` AND `channel` = old.`channel`
    AND `status` = old.`status` AND `day` = old.`deadline_at` / 86400000;
  INSERT INTO `order_deadline_counts` (`account_id`, `channel`, `status`, `day`, `n`)
  SELECT new.`account_id`, new.`channel`, new.`status`, new.`deadline_at` / 86400000, 1 WHERE new.`deadline_at` IS NOT NULL
  ON CONFLICT (`account_id`, `channel`, `status`, `day`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `orders_deadline_counts_delete` AFTER DELETE ON `orders` WHEN old.`deadline_at` IS NOT NULL BEGIN
  UPDATE `order_deadline_counts` SET `n` = `n` - 1
  WHERE `account_id` = old.`account_id` AND `channel` = old.`channel` AND `status` = old.`status`
    AND `day` = old.`deadline_at` / 86400000;
END;--> statement-breakpoint
DROP INDEX `orders_account_deadline_idx`;--> statement-breakpoint
CREATE INDEX `orders_account_deadline_idx` ON `orders` (`account_id`,`deadline_at`,`channel`,`status`);--> statement-breakpoint
-- A database with statistics must have them for the new index too, or the planner guesses them (see 0006).
ANALYZE `orders_account_deadline_idx`;
