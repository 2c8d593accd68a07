ALTER TABLE `api_key` ADD `scope` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
-- A key lives no longer than its maker's membership: removing a member (or a member leaving)
-- revokes the keys they made in that organization, in the same statement, whatever deletes the
-- row (better-auth's remove-member and leave routes, an organization's deletion, an operator).
CREATE TRIGGER `api_key_revoked_with_member` AFTER DELETE ON `member` BEGIN
  DELETE FROM api_key WHERE organization_id = old.organization_id AND created_by_user_id = old.user_id;
END;
--> statement-breakpoint
-- Deleting a user revokes every key they made, before the user's cascades run: the order of
-- SQLite's foreign-key actions (member cascade, api_key set null) must not decide it.
CREATE TRIGGER `api_key_revoked_with_user` BEFORE DELETE ON `user` BEGIN
  DELETE FROM api_key WHERE created_by_user_id = old.id;
END;
