DROP INDEX `activities_contact`;--> statement-breakpoint
DROP INDEX `activities_team_recorded`;--> statement-breakpoint
CREATE INDEX `activities_contact_occurred` ON `activities` (`contact_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_team_occurred` ON `activities` (`team_id`,`occurred_at`,`owner_id`,`kind`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `activities_team_recorded` ON `activities` (`team_id`,`recorded_at`,`occurred_at`,`owner_id`,`deleted_at`);--> statement-breakpoint
DROP INDEX `stage_changes_deal`;--> statement-breakpoint
CREATE INDEX `stage_changes_deal_changed` ON `stage_changes` (`deal_id`,`changed_at`,`id`,`to_stage_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `stage_changes_team_changed` ON `stage_changes` (`team_id`,`changed_at`,`deal_id`,`to_stage_id`,`deleted_at`,`id`);--> statement-breakpoint
CREATE INDEX `deals_team_created` ON `deals` (`team_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deals_team_close` ON `deals` (`team_id`,`expected_close_at`);--> statement-breakpoint
CREATE INDEX `follow_ups_team_due` ON `follow_ups` (`team_id`,`due_at`,`owner_id`,`done_at`,`deleted_at`);