ALTER TABLE `response` ADD `previous_resume_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `response_previous_resume_unique` ON `response` (`previous_resume_token_hash`);