CREATE TABLE `answer_theme` (
	`response_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`theme_id` integer NOT NULL,
	`tagged_by` integer,
	`tagged_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`, `theme_id`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `theme`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tagged_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `answer_theme_theme_idx` ON `answer_theme` (`theme_id`);--> statement-breakpoint
CREATE TABLE `comment_approval` (
	`response_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`approved_by` integer,
	`approved_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `theme` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`keywords` text DEFAULT '' NOT NULL,
	`retired_at` integer,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_name_unique` ON `theme` (lower("name"));--> statement-breakpoint
CREATE TABLE `tsm_approach` (
	`survey_id` integer PRIMARY KEY NOT NULL,
	`sample_method` text DEFAULT '' NOT NULL,
	`representativeness` text DEFAULT '' NOT NULL,
	`contractor` text DEFAULT '' NOT NULL,
	`excluded_households` integer DEFAULT 0 NOT NULL,
	`exclusion_reasons` text DEFAULT '' NOT NULL,
	`sample_shortfall` text DEFAULT '' NOT NULL,
	`incentives` text DEFAULT '' NOT NULL,
	`other_issues` text DEFAULT '' NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tsm_stratum` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`population` text NOT NULL,
	`question_code` text NOT NULL,
	`value` text NOT NULL,
	`homes` integer NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tsm_stratum_unique` ON `tsm_stratum` (`survey_id`,`population`,`value`);--> statement-breakpoint
CREATE INDEX `answer_question_value_idx` ON `answer` (`question_id`,`value`,`response_id`);