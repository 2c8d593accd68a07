import { type SQL, sql } from "drizzle-orm";
import { contact } from "../../../db/schema";

/*
 * `q` searches the contact_search FTS5 table (migrations/0001_contact_search.sql): one trigram-
 * indexed document per contact holding its names, emails and phone digits (E.164 and national).
 */

const PHONE_LIKE = /^[\d\s()+\-./]+$/;

/** What to look for: the digits of anything typed like a phone number, else the text itself. */
export function searchTerm(q: string): string {
  const trimmed = q.trim();
  return PHONE_LIKE.test(trimmed) && /\d/.test(trimmed) ? trimmed.replace(/\D/g, "") : trimmed;
}

/** A term of one or two characters: no trigram index serves it, so its walk is bounded. */
export function isShortSearch(q: string | undefined): boolean {
  const length = [...searchTerm(q ?? "")].length;
  return length > 0 && length < 3;
}

export function searchCondition(q: string): SQL | undefined {
  const term = searchTerm(q);
  if (!term) return undefined;
  if ([...term].length >= 3) {
    // A quoted FTS5 phrase of trigrams is a case-insensitive substring match, served by the index.
    const phrase = `"${term.replaceAll('"', '""')}"`;
    return sql`${contact.seq} IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ${phrase})`;
  }
  // One or two characters have no trigram: check each contact of the page walk by rowid instead.
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`EXISTS (SELECT 1 FROM contact_search WHERE rowid = contact.seq AND body LIKE ${pattern} ESCAPE '\\')`;
}
