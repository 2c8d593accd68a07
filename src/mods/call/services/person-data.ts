import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { call, contact } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { getContact } from "../../contact/services/contacts";
import { findDuplicates } from "../../contact/services/find-duplicates";
import { presentCall } from "./calls";

/*
 * A person's request for their data, or for its erasure (GDPR articles 15 and 17), at
 * /api/contacts/{id}/export and /erase. Here, in the call module, because a person's data is a
 * contact and its calls: this module already builds on the contact module's services (the ring
 * resolves contacts), so the two depend on each other in that one direction only.
 */

/** Calls per query of a person's export: a transcription may be 256 KiB, so a page stays a few MB. */
const CALL_PAGE = 20;

/**
 * Everything held about the contact, as a JSON byte stream: the contact with its phones and
 * emails, its duplicate suggestions (the other contacts named by id only: their data is not the
 * person's), then its calls with their transcriptions, newest first, read a page at a time.
 */
export async function exportPerson(
  db: Database,
  organizationId: string,
  id: string,
): Promise<ReadableStream<Uint8Array>> {
  const person = await getContact(db, organizationId, id);
  const { data: suggestions } = await findDuplicates(db, organizationId, id);
  const duplicates = suggestions.map((s) => ({ contact_id: s.contact.id, reason: s.reason }));
  const head = JSON.stringify({ contact: person, duplicates, exported_at: new Date().toISOString() });
  const encoder = new TextEncoder();
  let before = Number.MAX_SAFE_INTEGER;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`${head.slice(0, -1)},"calls":[`));
      },
      async pull(controller) {
        const rows = await db
          .select()
          .from(call)
          .where(and(eq(call.organizationId, organizationId), eq(call.contactId, id), lt(call.seq, before)))
          .orderBy(desc(call.seq))
          .limit(CALL_PAGE);
        const calls = rows.map((row) => JSON.stringify(presentCall(row))).join(",");
        if (calls) controller.enqueue(encoder.encode(first ? calls : `,${calls}`));
        first &&= !calls;
        if (rows.length < CALL_PAGE) {
          controller.enqueue(encoder.encode("]}"));
          controller.close();
        } else before = rows.at(-1)?.seq ?? 0;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Erases the contact: it is deleted as by DELETE (its phones, emails and duplicate suggestions go
 * with it by ON DELETE CASCADE, its search document by trigger), and each of its calls keeps only
 * what counts calls (id, time, provider ids): contact, caller number, transcription and
 * enrichment error are set to null and the call is marked `erased`. One batch, one transaction.
 *
 * The search index's own pages may still hold terms of the contact's documents (FTS5 deletes by
 * marking, until segments are merged): the README says how to purge them, and why not here.
 */
export async function eraseContact(db: Database, organizationId: string, id: string) {
  const [, deleted] = await db.batch([
    db
      .update(call)
      .set({ contactId: null, from: null, transcription: null, enrichmentError: null, erased: true })
      .where(and(eq(call.organizationId, organizationId), eq(call.contactId, id))),
    db
      .delete(contact)
      .where(and(eq(contact.organizationId, organizationId), eq(contact.id, id)))
      .returning({ id: contact.id }),
  ]);
  if (!deleted.length) throw ApiError.notFound("contact");
}
