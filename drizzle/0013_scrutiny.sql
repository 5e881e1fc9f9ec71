CREATE TABLE `result_remark` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`author_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reply` text,
	`replied_by_id` integer,
	`replied_at` integer,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`replied_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `result_remark_survey_idx` ON `result_remark` (`survey_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `scrutiny_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recommendation_id` integer NOT NULL,
	`title` text NOT NULL,
	`owner_id` integer,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`progress` text DEFAULT '' NOT NULL,
	`completed_on` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`recommendation_id`) REFERENCES `scrutiny_recommendation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `scrutiny_action_recommendation_idx` ON `scrutiny_action` (`recommendation_id`);--> statement-breakpoint
CREATE TABLE `scrutiny_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`survey_id` integer,
	`added_by_id` integer,
	`added_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `scrutiny_review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`added_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `scrutiny_evidence_review_idx` ON `scrutiny_evidence` (`review_id`);--> statement-breakpoint
CREATE TABLE `scrutiny_recommendation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`position` integer NOT NULL,
	`body` text NOT NULL,
	`response` text,
	`reasons` text DEFAULT '' NOT NULL,
	`responded_by_id` integer,
	`responded_at` integer,
	FOREIGN KEY (`review_id`) REFERENCES `scrutiny_review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responded_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `scrutiny_recommendation_review_idx` ON `scrutiny_recommendation` (`review_id`);--> statement-breakpoint
CREATE TABLE `scrutiny_review` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`scope` text NOT NULL,
	`service_id` integer,
	`started_on` text NOT NULL,
	`created_by_id` integer,
	`submitted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
