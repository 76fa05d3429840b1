-- Counts per (account, channel, status) kept by triggers, so the board's tabs never count the orders table.
INSERT INTO `order_counts` (`account_id`, `channel`, `status`, `n`)
SELECT `account_id`, `channel`, `status`, count(*) FROM `orders` GROUP BY `account_id`, `channel`, `status`;
--> statement-breakpoint
CREATE TRIGGER `orders_counts_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `order_counts` (`account_id`, `channel`, `status`, `n`) VALUES (NEW.`account_id`, NEW.`channel`, NEW.`status`, 1)
  ON CONFLICT (`account_id`, `channel`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_counts_update` AFTER UPDATE OF `status`, `channel`, `account_id` ON `orders`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`channel` IS NOT NEW.`channel` OR OLD.`account_id` IS NOT NEW.`account_id` BEGIN
  UPDATE `order_counts` SET `n` = `n` - 1
  WHERE `account_id` = OLD.`account_id` AND `channel` = OLD.`channel` AND `status` = OLD.`status`;
  INSERT INTO `order_counts` (`account_id`, `channel`, `status`, `n`) VALUES (NEW.`account_id`, NEW.`channel`, NEW.`status`, 1)
  ON CONFLICT (`account_id`, `channel`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_counts_delete` AFTER DELETE ON `orders` BEGIN
  UPDATE `order_counts` SET `n` = `n` - 1
  WHERE `account_id` = OLD.`account_id` AND `channel` = OLD.`channel` AND `status` = OLD.`status`;
END;
--> statement-breakpoint
-- Full-text search over customer names (accent-free), so a name search does not scan the account's orders.
-- SQLite-specific: on PostgreSQL this becomes a tsvector column with a GIN index behind the same query function.
CREATE VIRTUAL TABLE `orders_name_fts` USING fts5(
  `customer_name_search`, content = 'orders', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `orders_name_fts` (`orders_name_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `orders_fts_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `orders_name_fts` (`rowid`, `customer_name_search`) VALUES (NEW.`id`, NEW.`customer_name_search`);
END;
--> statement-breakpoint
CREATE TRIGGER `orders_fts_update` AFTER UPDATE OF `customer_name_search` ON `orders` BEGIN
  INSERT INTO `orders_name_fts` (`orders_name_fts`, `rowid`, `customer_name_search`) VALUES ('delete', OLD.`id`, OLD.`customer_name_search`);
  INSERT INTO `orders_name_fts` (`rowid`, `customer_name_search`) VALUES (NEW.`id`, NEW.`customer_name_search`);
END;
--> statement-breakpoint
CREATE TRIGGER `orders_fts_delete` AFTER DELETE ON `orders` BEGIN
  INSERT INTO `orders_name_fts` (`orders_name_fts`, `rowid`, `customer_name_search`) VALUES ('delete', OLD.`id`, OLD.`customer_name_search`);
END;
