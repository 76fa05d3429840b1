-- Each open order's next deadline (SPEC §3), kept with every status change by the domain
-- (server/domain/orders/deadlines.ts); the board's late / due-today filters, their counts and the deadline sort
-- read it through one index per account.
ALTER TABLE `orders` ADD `deadline_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `deadline_kind` text;--> statement-breakpoint
-- The orders already open get theirs once, from the channel rules as they stand now (CHANNEL_RULES:
-- invoiceDeadlineHours after the approval; shipDeadlineHours after the invoice, unless the marketplace dispatches).
UPDATE `orders`
SET `deadline_kind` = 'invoice',
    `deadline_at` = coalesce(`approved_at`, `placed_at`)
      + (CASE `channel` WHEN 'mercado_livre' THEN 24 WHEN 'zoom' THEN 72 ELSE 48 END) * 3600000
WHERE `status` IN ('APPROVED', 'OUT_OF_STOCK') AND `cancellation_requested_at` IS NULL;--> statement-breakpoint
UPDATE `orders`
SET `deadline_kind` = 'ship',
    `deadline_at` = `status_changed_at`
      + (CASE `channel` WHEN 'mercado_livre' THEN 24 WHEN 'zoom' THEN 72 ELSE 48 END) * 3600000
WHERE `status` = 'INVOICED' AND `cancellation_requested_at` IS NULL
  AND `logistics_mode` NOT IN ('b2w_entregas', 'b2w_entregas_direct', 'me2', 'mercado_envios_coleta');--> statement-breakpoint
CREATE INDEX `orders_account_deadline_idx` ON `orders` (`account_id`,`deadline_at`,`id`);--> statement-breakpoint
-- A database with statistics must have them for the new index too, or the planner guesses them (see 0006).
ANALYZE `orders_account_deadline_idx`;
