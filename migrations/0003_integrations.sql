CREATE TABLE `integration` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`organization_id` text NOT NULL,
	`provider` text NOT NULL,
	`name` text NOT NULL,
	`settings` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`secret_last4` text NOT NULL,
	`webhook_secret_sealed` text,
	`webhook_secret_last4` text,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_id_unique` ON `integration` (`id`);--> statement-breakpoint
CREATE INDEX `integration_organization_idx` ON `integration` (`organization_id`);--> statement-breakpoint
CREATE TABLE `integration_delivery` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`integration_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`kind` text NOT NULL,
	`event` text NOT NULL,
	`outcome` text NOT NULL,
	`detail` text NOT NULL,
	`call_id` text,
	FOREIGN KEY (`integration_id`) REFERENCES `integration`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_delivery_id_unique` ON `integration_delivery` (`id`);--> statement-breakpoint
CREATE INDEX `integration_delivery_integration_idx` ON `integration_delivery` (`integration_id`);--> statement-breakpoint
ALTER TABLE `call` ADD `caller_verified` integer DEFAULT false NOT NULL;