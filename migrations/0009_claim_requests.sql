CREATE TABLE `claim_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`requester_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`reason` text,
	`decided_by` text,
	`created_at` integer NOT NULL,
	`decided_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_requests_one_open` ON `claim_requests` (`contact_id`,`requester_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `claim_requests_team_status` ON `claim_requests` (`team_id`,`status`,`created_at`);