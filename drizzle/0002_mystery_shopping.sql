CREATE TABLE `mystery_assignment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_version_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`channel` text NOT NULL,
	`shopper_id` integer NOT NULL,
	`window_from` text NOT NULL,
	`window_to` text NOT NULL,
	`brief` text NOT NULL,
	`status` text DEFAULT 'assigned' NOT NULL,
	`visited_at` text,
	`answers` text DEFAULT '{}' NOT NULL,
	`submitted_at` integer,
	`review_note` text,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`template_version_id`) REFERENCES `scorecard_template_version`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `mystery_assignment_shopper_idx` ON `mystery_assignment` (`shopper_id`);--> statement-breakpoint
CREATE INDEX `mystery_assignment_status_idx` ON `mystery_assignment` (`status`);--> statement-breakpoint
CREATE TABLE `mystery_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `mystery_assignment`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mystery_evidence_assignment_idx` ON `mystery_evidence` (`assignment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mystery_evidence_stored_unique` ON `mystery_evidence` (`stored_name`);--> statement-breakpoint
CREATE TABLE `mystery_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`repeat_interval_days` integer DEFAULT 90 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scorecard_template` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scorecard_template_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `scorecard_template`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecard_version_unique` ON `scorecard_template_version` (`template_id`,`version`);