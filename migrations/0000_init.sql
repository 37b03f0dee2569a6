CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`source_url` text,
	`contact_id` text,
	`deal_id` text,
	`company_id` text
);
--> statement-breakpoint
CREATE INDEX `activities_team_version` ON `activities` (`team_id`,`version`);--> statement-breakpoint
CREATE INDEX `activities_team_owner_version` ON `activities` (`team_id`,`owner_id`,`version`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`team_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `applied_mutations` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`client_id` text NOT NULL,
	`status` text NOT NULL,
	`version` integer,
	`error` text,
	`applied_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `applied_mutations_applied_at` ON `applied_mutations` (`applied_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`entity` text,
	`record_id` text,
	`at` integer NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_team_at` ON `audit_log` (`team_id`,`at`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`website` text,
	`phone` text,
	`address` text,
	`industry` text,
	`grade` text
);
--> statement-breakpoint
CREATE INDEX `companies_team_version` ON `companies` (`team_id`,`version`);--> statement-breakpoint
CREATE INDEX `companies_team_owner_version` ON `companies` (`team_id`,`owner_id`,`version`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`emails` text NOT NULL,
	`phones` text NOT NULL,
	`title` text,
	`company_id` text,
	`source` text NOT NULL,
	`source_url` text
);
--> statement-breakpoint
CREATE INDEX `contacts_team_version` ON `contacts` (`team_id`,`version`);--> statement-breakpoint
CREATE INDEX `contacts_team_owner_version` ON `contacts` (`team_id`,`owner_id`,`version`);--> statement-breakpoint
CREATE TABLE `cron_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cron` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`ran_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deals` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`company_id` text,
	`contact_id` text,
	`stage_id` text NOT NULL,
	`amount_minor` integer,
	`currency` text NOT NULL,
	`expected_close_at` integer,
	`lost_reason` text
);
--> statement-breakpoint
CREATE INDEX `deals_team_version` ON `deals` (`team_id`,`version`);--> statement-breakpoint
CREATE INDEX `deals_team_owner_version` ON `deals` (`team_id`,`owner_id`,`version`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`due_at` integer NOT NULL,
	`done_at` integer,
	`outcome` text,
	`contact_id` text,
	`deal_id` text
);
--> statement-breakpoint
CREATE INDEX `follow_ups_team_version` ON `follow_ups` (`team_id`,`version`);--> statement-breakpoint
CREATE INDEX `follow_ups_team_owner_version` ON `follow_ups` (`team_id`,`owner_id`,`version`);--> statement-breakpoint
CREATE INDEX `follow_ups_owner_due` ON `follow_ups` (`owner_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `pipelines` (
	`team_id` text PRIMARY KEY NOT NULL,
	`stages` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stage_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	`deal_id` text NOT NULL,
	`from_stage_id` text,
	`to_stage_id` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stage_changes_team_version` ON `stage_changes` (`team_id`,`version`);--> statement-breakpoint
CREATE INDEX `stage_changes_team_owner_version` ON `stage_changes` (`team_id`,`owner_id`,`version`);--> statement-breakpoint
CREATE INDEX `stage_changes_deal` ON `stage_changes` (`deal_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`default_currency` text DEFAULT 'CNY' NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`locale` text NOT NULL,
	`time_zone` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_team` ON `users` (`team_id`);