CREATE TABLE `customer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`reference` text,
	`tenure` text,
	`consent_surveys` integer DEFAULT false NOT NULL,
	`consent_updates` integer DEFAULT false NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`opted_out_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_email_unique` ON `customer` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `customer_reference_unique` ON `customer` (`reference`);--> statement-breakpoint
CREATE TABLE `customer_import` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` integer,
	`file_name` text NOT NULL,
	`rows` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `customer_service` (
	`customer_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `service_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customer`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `invitation_batch` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`created_by` integer,
	`criteria` text DEFAULT '' NOT NULL,
	`reminders` integer DEFAULT 0 NOT NULL,
	`reminder_interval_days` integer DEFAULT 7 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invitation_batch_survey_idx` ON `invitation_batch` (`survey_id`);--> statement-breakpoint
ALTER TABLE `invitation` ADD `batch_id` integer;--> statement-breakpoint
ALTER TABLE `invitation` ADD `mail_id` integer;--> statement-breakpoint
ALTER TABLE `invitation` ADD `unsubscribe_hash` text;--> statement-breakpoint
ALTER TABLE `invitation` ADD `reminders_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invitation` ADD `last_sent_at` integer;--> statement-breakpoint
CREATE INDEX `invitation_batch_idx` ON `invitation` (`batch_id`);--> statement-breakpoint
CREATE INDEX `invitation_unsubscribe_idx` ON `invitation` (`unsubscribe_hash`);