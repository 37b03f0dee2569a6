ALTER TABLE `deals` ADD `contract_number` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `signed_at` integer;--> statement-breakpoint
ALTER TABLE `deals` ADD `collected_amount_minor` integer;--> statement-breakpoint
ALTER TABLE `deals` ADD `collected_at` integer;--> statement-breakpoint
ALTER TABLE `deals` ADD `custom` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `pipelines` ADD `custom_fields` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `pipelines` ADD `allow_skip` integer DEFAULT false NOT NULL;