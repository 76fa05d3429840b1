-- For each block of 256 order ids (id >> 8; ORDER_ID_BLOCK_BITS in db/schema/orders.ts), the newest placed_at of
-- any order in it or below it, so the board's name search can walk its matches newest id first and stop as soon
-- as no smaller id can hold a newer order. Kept by triggers; values only grow, which keeps them a safe bound.
CREATE TABLE `order_id_blocks` (
	`block` integer PRIMARY KEY NOT NULL,
	`newest_placed_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `order_id_blocks` (`block`, `newest_placed_at`)
SELECT `block`, max(`newest`) OVER (ORDER BY `block` ROWS UNBOUNDED PRECEDING)
FROM (SELECT `id` >> 8 AS `block`, max(`placed_at`) AS `newest` FROM `orders` GROUP BY `id` >> 8);
--> statement-breakpoint
-- A new block starts from the bound below it; an order newer than the blocks above its id (an id given out of
-- turn, or a changed date) raises them. Ids are handed out in turn, so that update finds nothing to do.
CREATE TRIGGER `orders_id_blocks_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO `order_id_blocks` (`block`, `newest_placed_at`)
  VALUES (NEW.`id` >> 8, max(NEW.`placed_at`, coalesce(
    (SELECT `newest_placed_at` FROM `order_id_blocks` WHERE `block` < NEW.`id` >> 8 ORDER BY `block` DESC LIMIT 1),
    NEW.`placed_at`)))
  ON CONFLICT (`block`) DO UPDATE SET `newest_placed_at` = max(`newest_placed_at`, excluded.`newest_placed_at`);
  UPDATE `order_id_blocks` SET `newest_placed_at` = NEW.`placed_at`
  WHERE `block` > NEW.`id` >> 8 AND `newest_placed_at` < NEW.`placed_at`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_id_blocks_update` AFTER UPDATE OF `placed_at` ON `orders` BEGIN
  UPDATE `order_id_blocks` SET `newest_placed_at` = NEW.`placed_at`
  WHERE `block` >= NEW.`id` >> 8 AND `newest_placed_at` < NEW.`placed_at`;
END;
