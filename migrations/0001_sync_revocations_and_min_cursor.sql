CREATE TABLE `access_revocations` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_revocations_user_version` ON `access_revocations` (`team_id`,`user_id`,`version`);--> statement-breakpoint
ALTER TABLE `teams` ADD `min_cursor` integer DEFAULT 0 NOT NULL;