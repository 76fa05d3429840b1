-- The dispatch date the marketplace promised the buyer, where its API gives one: the ship-by deadline (SPEC §3).
ALTER TABLE `orders` ADD `promised_ship_at` integer;