ALTER TABLE `sign_in_codes` ADD `request_hash` text;--> statement-breakpoint
ALTER TABLE `sign_in_codes` ADD `link_hash` text;--> statement-breakpoint
ALTER TABLE `sign_in_codes` ADD `confirmed_at` integer;