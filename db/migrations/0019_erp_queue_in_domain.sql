-- Which order changes enter the ERP queue is the domain's rule now (server/domain/erp/queue.ts), written by the
-- same transaction as the change; the queue table and its index stay.
DROP TRIGGER IF EXISTS `orders_erp_queue_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `orders_erp_queue_status`;
