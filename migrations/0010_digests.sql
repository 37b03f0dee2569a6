CREATE TABLE `digest_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	`message_id` text,
	`last_error` text,
	`unsubscribe_hash` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_sends_user_date` ON `digest_sends` (`user_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `digest_sends_team_status` ON `digest_sends` (`team_id`,`status`);--> statement-breakpoint
ALTER TABLE `cron_runs` ADD `detail` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `stale_after_days` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `first_response_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `digest_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `remind_day_before` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `remind_hour_before` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `activities_deal_occurred` ON `activities` (`deal_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_contact` ON `activities` (`contact_id`);--> statement-breakpoint
CREATE INDEX `activities_team_recorded` ON `activities` (`team_id`,`recorded_at`);--> statement-breakpoint
CREATE INDEX `follow_ups_deal` ON `follow_ups` (`deal_id`);