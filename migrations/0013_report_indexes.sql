CREATE INDEX `activities_team_occurred` ON `activities` (`team_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `deals_team_created` ON `deals` (`team_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deals_team_close` ON `deals` (`team_id`,`expected_close_at`);--> statement-breakpoint
CREATE INDEX `follow_ups_team_due` ON `follow_ups` (`team_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `stage_changes_team_changed` ON `stage_changes` (`team_id`,`changed_at`);