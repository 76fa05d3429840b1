ALTER TABLE `channel_connections` ADD `consecutive_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_connections` ADD `unreachable_since` integer;--> statement-breakpoint
ALTER TABLE `channel_connections` ADD `next_probe_at` integer;--> statement-breakpoint
-- An update waiting to go out with no time to go out is never picked by the worker (issue 15): set a time on
-- any already written that way, then refuse them. SQLite cannot add a CHECK to an existing table; triggers can.
UPDATE `outbox` SET `next_attempt_at` = `updated_at` WHERE `state` IN ('pending', 'retrying') AND `next_attempt_at` IS NULL;--> statement-breakpoint
CREATE TRIGGER `outbox_due_time_on_insert` BEFORE INSERT ON `outbox`
WHEN NEW.`state` IN ('pending', 'retrying') AND NEW.`next_attempt_at` IS NULL
BEGIN SELECT RAISE(ABORT, 'outbox: a pending or retrying update needs next_attempt_at'); END;--> statement-breakpoint
CREATE TRIGGER `outbox_due_time_on_update` BEFORE UPDATE OF `state`, `next_attempt_at` ON `outbox`
WHEN NEW.`state` IN ('pending', 'retrying') AND NEW.`next_attempt_at` IS NULL
BEGIN SELECT RAISE(ABORT, 'outbox: a pending or retrying update needs next_attempt_at'); END;
