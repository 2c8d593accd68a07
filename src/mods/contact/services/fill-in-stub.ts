import { and, eq, sql } from "drizzle-orm";
import type { Database, Statement } from "../../../db/client";
import { contact, contactDuplicate, contactEmail } from "../../../db/schema";
import { normalizeEmail } from "../../../lib/email-address";

const MAX_NAME_CHARS = 100;
/** A name as the contract stores it: trimmed, one line, at most 100 characters. */
const cleanName = (name: string) => [...name.replace(/\p{Cc}/gu, " ").trim()].slice(0, MAX_NAME_CHARS).join("").trim();

export type EmailOutcome = "attached" | "held_by_another" | "invalid" | "none";

/**
 * What a caller said about themself, as statements for the caller's batch (enrichment adds its
 * own state change to it):
 * - the names, only if the contact still has none, in one conditional UPDATE, so a person who
 *   named the contact meanwhile wins; with enriched_at and enriched_from_call_id;
 * - a valid email, attached (source "enrichment", preferred if the contact has none); an email
 *   another contact holds is not attached but recorded as a duplicate suggestion.
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
  const holder = email ? await emailHolder(db, organizationId, email) : null;
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
  if (email && !holder) {
    const emailId = crypto.randomUUID();
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
        : "attached";
  return { statements, named: Boolean(firstName || lastName), email: emailOutcome };
}

async function emailHolder(db: Database, organizationId: string, email: string) {
  const [row] = await db
    .select({ contactId: contactEmail.contactId })
    .from(contactEmail)
    .where(and(eq(contactEmail.organizationId, organizationId), eq(contactEmail.email, email)));
  return row?.contactId ?? null;
}
