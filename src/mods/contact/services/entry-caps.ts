import { entryCapTable } from "../../../lib/db-errors";
import { ApiError, type ErrorIssue } from "../../../lib/errors";
import { MAX_ENTRIES_PER_CONTACT } from "../types/contact";

/*
 * The database holds the cap of MAX_ENTRIES_PER_CONTACT phones and emails (the cap triggers of
 * migrations/0005_hardening_bounds.sql), counting inside the write's own transaction, so that
 * concurrent adds cannot make one more; this turns its refusal into the contract's 400.
 */

const plural = { contact_phone: "phones", contact_email: "emails" } as const;
export type EntryTableName = keyof typeof plural;

/** A write the cap refused, as the contract's 400 at the path `pathOf` names; null for any other error. */
export function entryCapError(err: unknown, pathOf: (table: EntryTableName) => ErrorIssue["path"]): ApiError | null {
  const table = entryCapTable(err);
  if (table !== "contact_phone" && table !== "contact_email") return null;
  const message = `a contact holds at most ${MAX_ENTRIES_PER_CONTACT} ${plural[table]}`;
  return ApiError.validation([{ path: pathOf(table), message }]);
}
