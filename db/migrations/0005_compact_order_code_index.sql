-- Order codes are looked up without case, spaces, dots, dashes or slashes ("mgz 62523000253" finds
-- "MGZ-62523000253"), through an index on that expression; it replaces the plain (account, code) index, so
-- writes cost the same. Written by hand: drizzle-kit 0.31 splits an expression index at its commas. The
-- expression must stay identical to `compactCode` in db/schema/orders.ts, or SQLite stops using the index.
DROP INDEX `orders_account_code_idx`;--> statement-breakpoint
CREATE INDEX `orders_account_code_compact_idx` ON `orders` (`account_id`, upper(replace(replace(replace(replace(`marketplace_code`, '-', ''), ' ', ''), '.', ''), '/', '')));
