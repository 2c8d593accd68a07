CREATE TABLE `call` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`organization_id` text NOT NULL,
	`contact_id` text,
	`from` text NOT NULL,
	`to` text,
	`provider` text,
	`provider_call_id` text,
	`caller` text NOT NULL,
	`transcription` text,
	`enrichment_status` text,
	`enrichment_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contact`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_id_unique` ON `call` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `call_provider_call_uq` ON `call` (`organization_id`,`provider_call_id`);--> statement-breakpoint
CREATE INDEX `call_organization_idx` ON `call` (`organization_id`);--> statement-breakpoint
CREATE INDEX `call_contact_idx` ON `call` (`contact_id`);--> statement-breakpoint
CREATE INDEX `call_activity_idx` ON `call` (`organization_id`,`created_at`,`contact_id`);--> statement-breakpoint
CREATE INDEX `contact_stub_idx` ON `contact` (`organization_id`) WHERE first_name = '' AND last_name = '';