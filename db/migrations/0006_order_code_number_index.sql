-- An order is found by its number alone, without the marketplace's letters in front ("62523000253" finds
-- "MGZ-62523000253"), as customers quote it. The index stores the compact code without its leading letters and
-- replaces 0005's compact-code index: an exact code is this number plus the compact code, so writes cost the
-- same. Written by hand (drizzle-kit 0.31 splits an expression index at its commas); the expression must stay
-- identical to `codeNumber` in db/schema/orders.ts, or SQLite stops using the index.
DROP INDEX `orders_account_code_compact_idx`;--> statement-breakpoint
CREATE INDEX `orders_account_code_number_idx` ON `orders` (`account_id`, ltrim(upper(replace(replace(replace(replace(`marketplace_code`, '-', ''), ' ', ''), '.', ''), '/', '')), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
--> statement-breakpoint
-- A database that has statistics (the benchmark's, after PRAGMA optimize) must have them for the new index too:
-- without them SQLite guessed it the most selective way to an account's orders and walked all of them. Elsewhere
-- this only adds this index's statistics (an empty table's on a new database).
ANALYZE `orders_account_code_number_idx`;
