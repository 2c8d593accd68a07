import { and, eq, sql } from "drizzle-orm";
import type { Database, Statement } from "../../../db/client";
import { contact, contactDuplicate, contactEmail } from "../../../db/schema";
import { normalizeEmail } from "../../../lib/email-address";
import { newRowId } from "../../../lib/row-id";
import { MAX_ENTRIES_PER_CONTACT, MAX_NAME_CHARS } from "../types/contact";

/** A name as the contract stores it: trimmed, one line, at most 100 characters. */
const cleanName = (name: string) => [...name.replace(/\p{Cc}/gu, " ").trim()].slice(0, MAX_NAME_CHARS).join("").trim();

export type EmailOutcome = "attached" | "held_by_another" | "contact_full" | "invalid" | "none";

/**
 * What a caller said about themself, as statements for the caller's batch (enrichment adds its
 * own state change to it):
 * - the names, only if the contact still has none, in one conditional UPDATE, so a person who
 *   named the contact meanwhile wins; with enriched_at and enriched_from_call_id;
 * - a valid email, attached (source "enrichment", preferred if the contact has none); an email
 *   another contact holds is not attached but recorded as a duplicate suggestion; a contact that
 *   holds its 20 emails already gets none (else the cap would fail the whole batch, names too).
 * Every write is conditional, so the same identity applied twice changes nothing the second time.
 */
export async function fillInStub(
  db: Database,
  target: { organizationId: string; contactId: string; callId: string },
  said: { firstName: string; lastName: string; email: string | null },
): Promise<{ statements: Statement[]; named: boolean; email: EmailOutcome }> {
  const { organizationId, contactId, callId } = target;
  const now = new Date();
  const firstName = cleanName(said.firstName);
  const lastName = cleanName(said.lastName);
  const email = said.email?.trim() ? normalizeEmail(said.email) : null;
  const { holder, full } = email
    ? await emailSlot(db, organizationId, contactId, email)
    : { holder: null, full: false };
  const provenance = { enrichedAt: now, enrichedFromCallId: callId, updatedAt: now };

  const statements: Statement[] = [];
  if (firstName || lastName) {
    statements.push(
      db
        .update(contact)
        .set({ firstName, lastName, ...provenance })
        .where(and(eq(contact.id, contactId), eq(contact.firstName, ""), eq(contact.lastName, ""))),
    );
  }
  if (email && !holder && !full) {
    const emailId = newRowId();
    statements.push(
      db
        .insert(contactEmail)
        .values({
          id: emailId,
          organizationId,
          contactId,
          email,
          source: "enrichment",
          isPreferred: sql`NOT EXISTS (
            SELECT 1 FROM contact_email WHERE contact_id = ${contactId} AND is_preferred = 1)`,
          createdAt: now,
        })
        .onConflictDoNothing(),
      db
        .update(contact)
        .set(provenance)
        .where(and(eq(contact.id, contactId), sql`EXISTS (SELECT 1 FROM contact_email WHERE id = ${emailId})`)),
    );
  }
  const heldByAnother = holder !== null && holder !== contactId;
  if (heldByAnother) {
    statements.push(
      db
        .insert(contactDuplicate)
        .values({ organizationId, contactId, duplicateContactId: holder, reason: "email", createdAt: now })
        .onConflictDoNothing(),
    );
  }
  const emailOutcome = !said.email?.trim()
    ? "none"
    : !email
      ? "invalid"
      : heldByAnother
        ? "held_by_another"
        : full && !holder
          ? "contact_full"
          : "attached";
  return { statements, named: Boolean(firstName || lastName), email: emailOutcome };
}

/** Who holds the email in the organization, if anyone, and whether the contact has room for another. */
async function emailSlot(db: Database, organizationId: string, contactId: string, email: string) {
  const [row] = (await db.all(sql`
    SELECT (SELECT contact_id FROM contact_email WHERE organization_id = ${organizationId} AND email = ${email}) AS holder,
      (SELECT count(*) FROM contact_email WHERE contact_id = ${contactId}) AS count`)) as {
    holder: string | null;
    count: number;
  }[];
  return { holder: row?.holder ?? null, full: (row?.count ?? 0) >= MAX_ENTRIES_PER_CONTACT };
}
