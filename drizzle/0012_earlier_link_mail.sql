ALTER TABLE `invitation_link` ADD `mail_id` integer;--> statement-breakpoint
CREATE INDEX `mail_category_to_idx` ON `mail_message` (`category`,lower("to"));