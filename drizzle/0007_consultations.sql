CREATE TABLE `action_finding` (
	`action_id` integer NOT NULL,
	`finding_id` integer NOT NULL,
	PRIMARY KEY(`action_id`, `finding_id`),
	FOREIGN KEY (`action_id`) REFERENCES `consultation_action`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`finding_id`) REFERENCES `finding`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `action_notification` (
	`action_id` integer NOT NULL,
	`event` text NOT NULL,
	`subscriber_id` integer NOT NULL,
	`mail_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`action_id`, `event`, `subscriber_id`),
	FOREIGN KEY (`action_id`) REFERENCES `consultation_action`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscriber`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mail_id`) REFERENCES `mail_message`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `action_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`noted_on` text NOT NULL,
	`note` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `consultation_action`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_progress_action_idx` ON `action_progress` (`action_id`);--> statement-breakpoint
CREATE TABLE `consultation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`question` text NOT NULL,
	`affected` text DEFAULT '' NOT NULL,
	`background` text DEFAULT '' NOT NULL,
	`service_id` integer,
	`opens_on` text,
	`closes_on` text,
	`status` text DEFAULT 'forthcoming' NOT NULL,
	`published_at` integer,
	`first_published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_slug_unique` ON `consultation` (`slug`);--> statement-breakpoint
CREATE TABLE `consultation_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`owner_id` integer,
	`service_id` integer,
	`due_on` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`completed_on` text,
	`done_at` integer,
	`published_at` integer,
	`first_published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultation_action_consultation_idx` ON `consultation_action` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `consultation_document` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`body` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `consultation_survey` (
	`consultation_id` integer NOT NULL,
	`survey_id` integer NOT NULL,
	PRIMARY KEY(`consultation_id`, `survey_id`),
	FOREIGN KEY (`consultation_id`) REFERENCES `consultation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consultation_survey_survey_idx` ON `consultation_survey` (`survey_id`);--> statement-breakpoint
CREATE TABLE `finding` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`statement` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `finding_consultation_idx` ON `finding` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `finding_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_id` integer NOT NULL,
	`kind` text NOT NULL,
	`survey_id` integer,
	`question_id` text,
	`theme_id` integer,
	`quote_id` integer,
	FOREIGN KEY (`finding_id`) REFERENCES `finding`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `theme`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`quote_id`) REFERENCES `focus_group_quote`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `finding_evidence_finding_idx` ON `finding_evidence` (`finding_id`);--> statement-breakpoint
CREATE TABLE `focus_group` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`place` text NOT NULL,
	`online` integer DEFAULT false NOT NULL,
	`facilitators` text NOT NULL,
	`attendees` integer NOT NULL,
	`consent` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `focus_group_consultation_idx` ON `focus_group` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `focus_group_profile` (
	`focus_group_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`category` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`focus_group_id`, `dimension`, `category`),
	FOREIGN KEY (`focus_group_id`) REFERENCES `focus_group`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `focus_group_quote` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`focus_group_id` integer NOT NULL,
	`text` text NOT NULL,
	`approved_at` integer,
	`approved_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`focus_group_id`) REFERENCES `focus_group`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `focus_group_theme` (
	`focus_group_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`focus_group_id`, `theme_id`),
	FOREIGN KEY (`focus_group_id`) REFERENCES `focus_group`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `theme`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `focus_group_theme_theme_idx` ON `focus_group_theme` (`theme_id`);--> statement-breakpoint
CREATE TABLE `subscriber` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`email` text,
	`confirmed_at` integer,
	`unsubscribed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriber_unique` ON `subscriber` (`consultation_id`,`email`);--> statement-breakpoint
CREATE TABLE `subscriber_token` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`subscriber_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscriber`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subscriber_token_subscriber_idx` ON `subscriber_token` (`subscriber_id`);