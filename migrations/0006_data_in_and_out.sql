-- A call's `from` becomes nullable and `erased` is added (POST /api/contacts/{id}/erase): SQLite
-- changes a column's NOT NULL only by copying the table. Nothing references `call`, so dropping it is safe.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_call` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`organization_id` text NOT NULL,
	`contact_id` text,
	`from` text,
	`to` text,
	`provider` text,
	`provider_call_id` text,
	`caller` text NOT NULL,
	`caller_verified` integer DEFAULT false NOT NULL,
	`transcription` text,
	`enrichment_status` text,
	`enrichment_error` text,
	`enrichment_window_start` integer,
	`enrichment_requests` integer DEFAULT 0 NOT NULL,
	`erased` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contact`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_call`("seq", "id", "organization_id", "contact_id", "from", "to", "provider", "provider_call_id", "caller", "caller_verified", "transcription", "enrichment_status", "enrichment_error", "enrichment_window_start", "enrichment_requests", "created_at") SELECT "seq", "id", "organization_id", "contact_id", "from", "to", "provider", "provider_call_id", "caller", "caller_verified", "transcription", "enrichment_status", "enrichment_error", "enrichment_window_start", "enrichment_requests", "created_at" FROM `call`;--> statement-breakpoint
DROP TABLE `call`;--> statement-breakpoint
ALTER TABLE `__new_call` RENAME TO `call`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `call_id_unique` ON `call` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `call_provider_call_uq` ON `call` (`organization_id`,`provider_call_id`);--> statement-breakpoint
CREATE INDEX `call_organization_idx` ON `call` (`organization_id`);--> statement-breakpoint
CREATE INDEX `call_contact_idx` ON `call` (`contact_id`);--> statement-breakpoint
CREATE INDEX `call_activity_idx` ON `call` (`organization_id`,`created_at`,`contact_id`);
