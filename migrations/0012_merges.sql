CREATE TABLE `merges` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`entity` text NOT NULL,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`merged_name` text NOT NULL,
	`merged_by` text NOT NULL,
	`merged_at` integer NOT NULL,
	`undone_at` integer,
	`undone_by` text,
	`survivor_before` text NOT NULL,
	`survivor_after` text NOT NULL,
	`moved` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `merges_team_survivor` ON `merges` (`team_id`,`survivor_id`);--> statement-breakpoint
CREATE INDEX `merges_team_merged` ON `merges` (`team_id`,`merged_id`);--> statement-breakpoint
ALTER TABLE `companies` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `merged_into_id` text;--> statement-breakpoint
CREATE INDEX `contacts_company` ON `contacts` (`company_id`);--> statement-breakpoint
CREATE INDEX `activities_company` ON `activities` (`company_id`);--> statement-breakpoint
CREATE INDEX `deals_contact` ON `deals` (`contact_id`);--> statement-breakpoint
CREATE INDEX `deals_company` ON `deals` (`company_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_contact` ON `follow_ups` (`contact_id`);