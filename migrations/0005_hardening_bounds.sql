ALTER TABLE `call` ADD `enrichment_window_start` integer;--> statement-breakpoint
ALTER TABLE `call` ADD `enrichment_requests` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A contact holds at most 20 phones and 20 emails (MAX_ENTRIES_PER_CONTACT in
-- src/mods/contact/types/contact.ts), whatever writes them: adding, merging (which moves
-- entries to another contact), enrichment. Counted inside the write's own transaction, so two
-- concurrent adds cannot make a 21st; the message is read by lib/db-errors.ts (entryCapTable).
CREATE TRIGGER `contact_phone_cap_on_insert` BEFORE INSERT ON `contact_phone`
WHEN (SELECT count(*) FROM contact_phone WHERE contact_id = new.contact_id) >= 20 BEGIN
  SELECT RAISE(ABORT, 'entry cap exceeded: contact_phone');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_phone_cap_on_move` BEFORE UPDATE OF contact_id ON `contact_phone`
WHEN new.contact_id <> old.contact_id
  AND (SELECT count(*) FROM contact_phone WHERE contact_id = new.contact_id) >= 20 BEGIN
  SELECT RAISE(ABORT, 'entry cap exceeded: contact_phone');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_email_cap_on_insert` BEFORE INSERT ON `contact_email`
WHEN (SELECT count(*) FROM contact_email WHERE contact_id = new.contact_id) >= 20 BEGIN
  SELECT RAISE(ABORT, 'entry cap exceeded: contact_email');
END;
--> statement-breakpoint
CREATE TRIGGER `contact_email_cap_on_move` BEFORE UPDATE OF contact_id ON `contact_email`
WHEN new.contact_id <> old.contact_id
  AND (SELECT count(*) FROM contact_email WHERE contact_id = new.contact_id) >= 20 BEGIN
  SELECT RAISE(ABORT, 'entry cap exceeded: contact_email');
END;
--> statement-breakpoint
-- Errors stored before this version may quote the model API's own text (with a fragment of the
-- platform's key) or the database's SQL; anyone in the organization reads them. They become our
-- words. The queue's refusal is ours already, and the transcript webhooks look for it.
UPDATE `call` SET `enrichment_error` = 'enrichment failed (reason not kept)'
WHERE `enrichment_error` IS NOT NULL AND `enrichment_error` <> 'could not queue enrichment';
