ALTER TABLE `audit_log` ADD `device_id` text;--> statement-breakpoint
CREATE INDEX `audit_log_team_record` ON `audit_log` (`team_id`,`record_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_team_user_at` ON `audit_log` (`team_id`,`user_id`,`at`);--> statement-breakpoint
ALTER TABLE `users` ADD `digest_hour` integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `min_cursor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Earlier reassign rows kept { from, to } of the owner: restate them as field changes.
UPDATE `audit_log` SET `detail` = json_object('changes', json_object('ownerId', json_object('from', json_extract(`detail`, '$.from'), 'to', json_extract(`detail`, '$.to')))) WHERE `action` = 'reassign' AND json_extract(`detail`, '$.from') IS NOT NULL;--> statement-breakpoint
-- The audit log is append-only: nothing, not even a route with a bug, may rewrite or remove a row.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
