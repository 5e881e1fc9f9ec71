CREATE TABLE `retention_policy` (
	`id` integer PRIMARY KEY NOT NULL,
	`contact_months` integer,
	`complaint_months` integer,
	`response_months` integer,
	`updated_at` integer NOT NULL
);
