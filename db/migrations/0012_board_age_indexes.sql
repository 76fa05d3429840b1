-- The dashboard's age buckets ("parado há N h", "entrega atrasada") count an account's orders by status and age;
-- without these indexes each count read every order of the account and held the web process for seconds at a
-- million orders (bench/RESULTS.md, load benchmark).
CREATE INDEX `orders_account_status_changed_idx` ON `orders` (`account_id`,`status`,`status_changed_at`);--> statement-breakpoint
CREATE INDEX `orders_account_status_eta_idx` ON `orders` (`account_id`,`status`,`estimated_delivery_at`);--> statement-breakpoint
-- A database with statistics must have them for the new indexes too, or the planner guesses them (see 0006).
ANALYZE `orders_account_status_changed_idx`;--> statement-breakpoint
ANALYZE `orders_account_status_eta_idx`;
