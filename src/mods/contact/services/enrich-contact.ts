import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { call, contact, contactDuplicate, contactEmail } from "../../../db/schema";
import type { Statement } from "./entries";
import type { CallerIdentity, CallerModel } from "../types/caller-identity";
import { EMAIL_PATTERN } from "../types/contact";

export type EnrichmentOutcome =
  | { status: "done"; named: boolean; email: "attached" | "held_by_another" | "invalid" | "none" }
  | { status: "skipped"; reason: string }
  /** Nothing to do: the call is gone, or already settled (a message delivered twice). */
  | { status: "ignored" };

const MAX_NAME_CHARS = 100;
/** A name as the contract stores it: trimmed, one line, at most 100 characters. */
const cleanName = (name: string) => [...name.replace(/\p{Cc}/gu, " ").trim()].slice(0, MAX_NAME_CHARS).join("").trim();

/**
 * enrich_contact(call_id): asks the model who called and fills in the call's stub contact.
 * 1. Skips calls without a contact or a transcription, and contacts that already have a name.
 * 2. Asks `model` (its ModelErrors propagate: the queue consumer decides on retries).
 * 3. Writes the names only if the contact still has none, in one conditional UPDATE, so a person
 *    who named the contact meanwhile wins; sets enriched_at and enriched_from_call_id.
 * 4. Attaches a valid email (source "enrichment", preferred if the contact has none); an email
 *    another contact holds is not attached but recorded as a duplicate suggestion.
 * Only a call still `queued` is worked on, and every write is conditional, so a message
 * delivered twice changes nothing the second time.
 */
export async function enrichContact(db: Database, callId: string, model: CallerModel): Promise<EnrichmentOutcome> {
  const [found] = await db
    .select({
      status: call.enrichmentStatus,
      transcription: call.transcription,
      organizationId: call.organizationId,
      contactId: call.contactId,
      firstName: contact.firstName,
      lastName: contact.lastName,
    })
    .from(call)
    .leftJoin(contact, eq(contact.id, call.contactId))
    .where(eq(call.id, callId));
  if (!found || found.status !== "queued") return { status: "ignored" };
  const skip = !found.contactId ? "the call has no contact" : !found.transcription ? "the call has no transcription" : found.firstName || found.lastName ? "the contact already has a name" : null;
  if (skip || !found.contactId || !found.transcription) {
    await settle(db, callId, "skipped", null);
    return { status: "skipped", reason: skip ?? "" };
  }

  const identity = await model.identifyCaller(found.transcription);
  return applyIdentity(db, { callId, organizationId: found.organizationId, contactId: found.contactId }, identity);
}

async function applyIdentity(db: Database, target: { callId: string; organizationId: string; contactId: string }, identity: CallerIdentity): Promise<EnrichmentOutcome> {
  const { callId, organizationId, contactId } = target;
  const now = new Date();
  const firstName = cleanName(identity.first_name);
  const lastName = cleanName(identity.last_name);
  const email = identity.email?.trim().toLowerCase() || null;
  const validEmail = email !== null && email.length <= 254 && EMAIL_PATTERN.test(email) ? email : null;
  const holder = validEmail ? await emailHolder(db, organizationId, validEmail) : null;
  const emailId = crypto.randomUUID();
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
  if (validEmail && !holder) {
    statements.push(
      db
        .insert(contactEmail)
        .values({
          id: emailId,
          organizationId,
          contactId,
          email: validEmail,
          source: "enrichment",
          isPreferred: sql`NOT EXISTS (SELECT 1 FROM contact_email WHERE contact_id = ${contactId} AND is_preferred = 1)`,
          createdAt: now,
        })
        .onConflictDoNothing(),
      db
        .update(contact)
        .set(provenance)
        .where(and(eq(contact.id, contactId), sql`EXISTS (SELECT 1 FROM contact_email WHERE id = ${emailId})`)),
    );
  }
  if (holder && holder !== contactId) {
    statements.push(db.insert(contactDuplicate).values({ organizationId, contactId, duplicateContactId: holder, reason: "email", createdAt: now }).onConflictDoNothing());
  }
  statements.push(settleStatement(db, callId, "done", null));
  await db.batch(statements as [Statement, ...Statement[]]);

  const emailOutcome = !email ? "none" : !validEmail ? "invalid" : holder && holder !== contactId ? "held_by_another" : "attached";
  return { status: "done", named: Boolean(firstName || lastName), email: emailOutcome };
}

async function emailHolder(db: Database, organizationId: string, email: string) {
  const [row] = await db
    .select({ contactId: contactEmail.contactId })
    .from(contactEmail)
    .where(and(eq(contactEmail.organizationId, organizationId), eq(contactEmail.email, email)));
  return row?.contactId ?? null;
}

/** Closes a call's enrichment, only from `queued`: a late duplicate cannot reopen or overwrite it. */
function settleStatement(db: Database, callId: string, status: "done" | "skipped" | "failed", error: string | null) {
  return db
    .update(call)
    .set({ enrichmentStatus: status, enrichmentError: error })
    .where(and(eq(call.id, callId), eq(call.enrichmentStatus, "queued")));
}

export async function settle(db: Database, callId: string, status: "done" | "skipped" | "failed", error: string | null) {
  await settleStatement(db, callId, status, error);
}
