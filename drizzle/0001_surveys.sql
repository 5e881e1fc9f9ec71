CREATE TABLE `answer` (
	`response_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`question_code` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `answer_code_idx` ON `answer` (`question_code`);--> statement-breakpoint
CREATE TABLE `equality_answer` (
	`response_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`question_code` text NOT NULL,
	`special_category` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `invitation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`customer_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`expires_at` integer,
	`opened_at` integer,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_token_unique` ON `invitation` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitation_survey_idx` ON `invitation` (`survey_id`);--> statement-breakpoint
CREATE TABLE `response` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`reference` text NOT NULL,
	`status` text DEFAULT 'in-progress' NOT NULL,
	`channel` text DEFAULT 'online' NOT NULL,
	`entered_by` integer,
	`customer_id` integer,
	`invitation_id` integer,
	`tenure` text,
	`service_id` integer,
	`resume_token_hash` text,
	`submission_id` text,
	`started_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `survey_version`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_reference_unique` ON `response` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `response_resume_unique` ON `response` (`resume_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `response_submission_unique` ON `response` (`survey_id`,`submission_id`);--> statement-breakpoint
CREATE INDEX `response_survey_status_idx` ON `response` (`survey_id`,`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `survey` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`slug` text NOT NULL,
	`template_key` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`access_mode` text DEFAULT 'public' NOT NULL,
	`anonymity` text DEFAULT 'anonymous' NOT NULL,
	`service_id` integer,
	`opens_at` integer,
	`closes_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_slug_unique` ON `survey` (`slug`);--> statement-breakpoint
CREATE TABLE `survey_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`number` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_version_number` ON `survey_version` (`survey_id`,`number`);