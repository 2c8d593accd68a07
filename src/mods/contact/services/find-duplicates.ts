import { and, eq, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { contact, contactDuplicate } from "../../../db/schema";
import type { Contact } from "../types/contact";
import { contactColumns, presentContact } from "./contact-query";
import { getContact } from "./contacts";

const MAX_SUGGESTIONS = 50;

/**
 * Whether a suggestion rests on what a caller said rather than on what a person typed: an email
 * suggestion always does (enrichment heard it), a name one when either name was heard. A caller
 * can claim to be anyone; merging on that claim would give the caller's number to that person.
 */
const restsOnACallersWord = (reason: "email" | "name", self: Contact, other: Contact) =>
  reason === "email" || self.enriched_from_call_id !== null || other.enriched_from_call_id !== null;

/**
 * Contacts that may be the same person: those enrichment linked by an email this contact was
 * heard giving (or that it holds), and those with the same first and last name.
 */
export async function findDuplicates(db: Database, organizationId: string, id: string) {
  const self = await getContact(db, organizationId, id);
  const byEmail = db
    .select(contactColumns)
    .from(contact)
    .innerJoin(
      contactDuplicate,
      or(
        and(eq(contactDuplicate.contactId, id), eq(contactDuplicate.duplicateContactId, contact.id)),
        and(eq(contactDuplicate.duplicateContactId, id), eq(contactDuplicate.contactId, contact.id)),
      ),
    )
    .where(eq(contact.organizationId, organizationId))
    .limit(MAX_SUGGESTIONS);
  const byName = db
    .select(contactColumns)
    .from(contact)
    .where(
      and(
        eq(contact.organizationId, organizationId),
        ne(contact.id, id),
        sql`${contact.lastName} = ${self.last_name} COLLATE NOCASE`,
        sql`${contact.firstName} = ${self.first_name} COLLATE NOCASE`,
      ),
    )
    .limit(MAX_SUGGESTIONS);
  const [emailRows, nameRows] = self.is_stub ? [await byEmail, []] : await db.batch([byEmail, byName]);

  const suggestions: { contact: Contact; reason: "email" | "name"; unverified: boolean }[] = [];
  const seen = new Set<string>();
  for (const [rows, reason] of [
    [emailRows, "email"],
    [nameRows, "name"],
  ] as const) {
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const other = presentContact(row);
      suggestions.push({ contact: other, reason, unverified: restsOnACallersWord(reason, self, other) });
    }
  }
  return { data: suggestions };
}
