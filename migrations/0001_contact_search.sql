-- Search over names, emails and phone digits (see src/mods/contact/services/search-contacts.ts).
-- The trigram tokenizer indexes every 3-character substring, case-insensitively, so a quoted
-- phrase query finds any substring of 3+ characters without a table scan. rowid = contact.seq.
CREATE VIRTUAL TABLE `contact_search` USING fts5(body, tokenize = 'trigram');
--> statement-breakpoint
-- The one definition of what a contact's search document holds.
CREATE VIEW `contact_search_doc` AS
SELECT c.seq, c.id,
  c.first_name || ' ' || c.last_name
  || ' ' || coalesce((SELECT group_concat(p.search_digits, ' ') FROM contact_phone p WHERE p.contact_id = c.id), '')
  || ' ' || coalesce((SELECT group_concat(e.email, ' ') FROM contact_email e WHERE e.contact_id = c.id), '') AS body
FROM contact c;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_insert` AFTER INSERT ON `contact` BEGIN
  INSERT INTO contact_search(rowid, body) SELECT seq, body FROM contact_search_doc WHERE seq = new.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_rename` AFTER UPDATE OF first_name, last_name ON `contact` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE seq = new.seq) WHERE rowid = new.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_delete` AFTER DELETE ON `contact` BEGIN
  DELETE FROM contact_search WHERE rowid = old.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_phone_insert` AFTER INSERT ON `contact_phone` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = new.contact_id)
  WHERE rowid = (SELECT seq FROM contact WHERE id = new.contact_id);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_phone_update` AFTER UPDATE OF phone_number, search_digits, contact_id ON `contact_phone` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = old.contact_id)
  WHERE rowid = (SELECT seq FROM contact WHERE id = old.contact_id);
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = new.contact_id)
  WHERE new.contact_id <> old.contact_id AND rowid = (SELECT seq FROM contact WHERE id = new.contact_id);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_phone_delete` AFTER DELETE ON `contact_phone` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = old.contact_id)
  WHERE rowid = (SELECT seq FROM contact WHERE id = old.contact_id);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_email_insert` AFTER INSERT ON `contact_email` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = new.contact_id)
  WHERE rowid = (SELECT seq FROM contact WHERE id = new.contact_id);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_email_update` AFTER UPDATE OF email, contact_id ON `contact_email` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = old.contact_id)
  WHERE rowid = (SELECT seq FROM contact WHERE id = old.contact_id);
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = new.contact_id)
  WHERE new.contact_id <> old.contact_id AND rowid = (SELECT seq FROM contact WHERE id = new.contact_id);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_search_after_email_delete` AFTER DELETE ON `contact_email` BEGIN
  UPDATE contact_search SET body = (SELECT body FROM contact_search_doc WHERE id = old.contact_id)
  WHERE rowid = (SELECT seq FROM contact WHERE id = old.contact_id);
END;
