CREATE TABLE `closure_day` (
	`date` text PRIMARY KEY NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `complaint` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`nature` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`current_stage` integer DEFAULT 1 NOT NULL,
	`refusal_reason` text,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contact`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_contact_unique` ON `complaint` (`contact_id`);--> statement-breakpoint
CREATE INDEX `complaint_status_idx` ON `complaint` (`status`);--> statement-breakpoint
CREATE TABLE `complaint_extension` (
	`stage_id` integer PRIMARY KEY NOT NULL,
	`working_days` integer NOT NULL,
	`reason` text NOT NULL,
	`good_reason` text,
	`customer_told_at` integer NOT NULL,
	`beyond_maximum` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `complaint_stage`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `complaint_handling_response` (
	`complaint_id` integer NOT NULL,
	`response_id` integer NOT NULL,
	`overall_satisfaction` integer,
	`responded_at` integer NOT NULL,
	PRIMARY KEY(`complaint_id`, `response_id`),
	FOREIGN KEY (`complaint_id`) REFERENCES `complaint`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handling_response_complaint_idx` ON `complaint_handling_response` (`complaint_id`);--> statement-breakpoint
CREATE TABLE `complaint_handling_survey_invitation` (
	`complaint_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`queued_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaint`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handling_invitation_status_idx` ON `complaint_handling_survey_invitation` (`status`);--> statement-breakpoint
CREATE TABLE `complaint_self_assessment` (
	`code` text PRIMARY KEY NOT NULL,
	`complies` text,
	`evidence` text DEFAULT '' NOT NULL,
	`commentary` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `complaint_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`preset_id` text DEFAULT 'housing-ombudsman-2024' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `complaint_stage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`complaint_id` integer NOT NULL,
	`stage` integer NOT NULL,
	`handler_id` integer,
	`received_at` integer NOT NULL,
	`acknowledged_at` integer,
	`responded_at` integer,
	`outcome` text,
	`remedy` text,
	`compensation_pence` integer,
	`learning` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaint`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`handler_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_stage_unique` ON `complaint_stage` (`complaint_id`,`stage`);--> statement-breakpoint
CREATE INDEX `complaint_stage_handler_idx` ON `complaint_stage` (`handler_id`);--> statement-breakpoint
CREATE TABLE `contact` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`kind` text NOT NULL,
	`service_id` integer,
	`channel` text NOT NULL,
	`received_at` integer NOT NULL,
	`text` text NOT NULL,
	`resolved_at_first_contact` integer,
	`owner_id` integer,
	`customer_name` text,
	`customer_email` text,
	`customer_phone` text,
	`contact_consent` integer DEFAULT false NOT NULL,
	`customer_id` integer,
	`compliment_for` text,
	`compliment_passed_on_at` integer,
	`compliment_passed_on_to` text,
	`anonymised_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_reference_unique` ON `contact` (`reference`);--> statement-breakpoint
CREATE INDEX `contact_received_idx` ON `contact` (`received_at`);--> statement-breakpoint
CREATE INDEX `contact_service_idx` ON `contact` (`service_id`,`kind`);