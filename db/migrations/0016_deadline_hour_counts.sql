-- Orders with a deadline per account, UTC hour of the deadline, channel and status, kept by the triggers below as
-- order_deadline_counts is (0015), keyed hour first: the late and due-today counts add up today's whole hours from
-- here and read the deadline index for the present hour only, instead of today's whole stretch (about 50 000 index
-- entries for the benchmark's busiest account, bench/RESULTS.md).
CREATE TABLE `order_deadline_hour_counts` (
	`account_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`account_id`, `hour`, `channel`, `status`)
);--> statement-breakpoint
INSERT INTO `order_deadline_hour_counts` (`account_id`, `hour`, `channel`, `status`, `n`)
SELECT `account_id`, `deadline_at` / 3600000, `channel`, `status`, count(*) FROM `orders`
WHERE `deadline_at` IS NOT NULL GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE TRIGGER `orders_deadline_hour_counts_insert` AFTER INSERT ON `orders` WHEN new.`deadline_at` IS NOT NULL BEGIN
  INSERT INTO `order_deadline_hour_counts` (`account_id`, `hour`, `channel`, `status`, `n`)
  VALUES (new.`account_id`, new.`deadline_at` / 3600000, new.`channel`, new.`status`, 1)
  ON CONFLICT (`account_id`, `hour`, `channel`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `orders_deadline_hour_counts_update` AFTER UPDATE OF `deadline_at`, `status`, `channel`, `account_id` ON `orders`
WHEN old.`deadline_at` IS NOT new.`deadline_at` OR old.`status` IS NOT new.`status` OR old.`channel` IS NOT new.`channel`
  OR old.`account_id` IS NOT new.`account_id` BEGIN
  UPDATE `order_deadline_hour_counts` SET `n` = `n` - 1
  WHERE old.`deadline_at` IS NOT NULL AND `account_id` = old.`account_id` AND `hour` = old.`deadline_at` / 3600000
    AND `channel` = old.`channel` AND `status` = old.`status`;
  INSERT INTO `order_deadline_hour_counts` (`account_id`, `hour`, `channel`, `status`, `n`)
  SELECT new.`account_id`, new.`deadline_at` / 3600000, new.`channel`, new.`status`, 1 WHERE new.`deadline_at` IS NOT NULL
  ON CONFLICT (`account_id`, `hour`, `channel`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `orders_deadline_hour_counts_delete` AFTER DELETE ON `orders` WHEN old.`deadline_at` IS NOT NULL BEGIN
  UPDATE `order_deadline_hour_counts` SET `n` = `n` - 1
  WHERE `account_id` = old.`account_id` AND `hour` = old.`deadline_at` / 3600000 AND `channel` = old.`channel`
    AND `status` = old.`status`;
END;
