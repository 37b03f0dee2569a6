CREATE TABLE `lookup_keys` (
	`team_id` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`record_id` text NOT NULL,
	PRIMARY KEY(`team_id`, `kind`, `key`, `record_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lookup_keys_one_contact_per_email` ON `lookup_keys` (`team_id`,`key`) WHERE kind = 'email';--> statement-breakpoint
CREATE INDEX `lookup_keys_record` ON `lookup_keys` (`record_id`);--> statement-breakpoint
CREATE TABLE `push_guards` (
	`team_id` text NOT NULL,
	`expected_version` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `teams` ADD `mutation_horizon` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `lookup_keys_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A push's write batch starts with an insert here naming the team version its decisions were
-- made on. If another write moved the version since, the whole batch (one transaction) aborts
-- and the push re-plans; otherwise the insert is dropped, so the table stays empty.
CREATE TRIGGER `push_guards_check` BEFORE INSERT ON `push_guards`
BEGIN
	SELECT RAISE(ABORT, 'sidecar: team version moved') WHERE NEW.expected_version IS NOT (SELECT `version` FROM `teams` WHERE `id` = NEW.team_id);
	SELECT RAISE(IGNORE);
END;--> statement-breakpoint
-- Email keys are exact (emails are stored trimmed and lower-cased), so they are built here and
-- the uniqueness rule holds from the first push; the other kinds need the key functions in
-- shared/rules/dedup.ts and are built by the cron (teams.lookup_keys_version stays 0 until then).
INSERT OR IGNORE INTO `lookup_keys` (`team_id`, `kind`, `key`, `record_id`)
	SELECT `contacts`.`team_id`, 'email', `e`.`value`, `contacts`.`id` FROM `contacts`, json_each(`contacts`.`emails`) AS `e` WHERE `contacts`.`deleted_at` IS NULL;--> statement-breakpoint
-- A stage change now belongs to the deal's owner, whoever moved it (changed_by keeps who did).
UPDATE `stage_changes` SET `owner_id` = (SELECT `owner_id` FROM `deals` WHERE `deals`.`id` = `stage_changes`.`deal_id`)
	WHERE EXISTS (SELECT 1 FROM `deals` WHERE `deals`.`id` = `stage_changes`.`deal_id`);
