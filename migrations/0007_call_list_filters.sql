CREATE INDEX `call_caller_idx` ON `call` (`organization_id`,`caller`);--> statement-breakpoint
CREATE INDEX `call_enrichment_status_idx` ON `call` (`organization_id`,`enrichment_status`);