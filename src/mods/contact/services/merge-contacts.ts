import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Database, Statement } from "../../../db/client";
import { call, contact, contactDuplicate, contactEmail, contactPhone } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import type { Contact } from "../types/contact";
import { type ContactQueryRow, presentContact } from "./contact-query";
import { selectContact } from "./contacts";
import { entryCapError } from "./entry-caps";

/**
 * Moves the phones, emails (and calls) of `sourceId` to `targetId` and deletes the source, in one
 * atomic batch. The target's non-empty names and its preferred entries win.
 *
 * Both contacts were read before the batch; another request may have merged or deleted either
 * since (opposing merges A→B and B→A, say). So every statement of the batch runs only while both
 * still exist: the batch is one transaction, so they all see the same answer, and a merge that
 * lost such a race changes nothing and is a 404. Nothing is lost either way.
 */
export async function mergeContacts(
  db: Database,
  organizationId: string,
  sourceId: string,
  targetId: string,
): Promise<Contact> {
  if (sourceId === targetId)
    throw ApiError.validation([{ path: ["into"], message: "a contact cannot be merged into itself" }]);
  const found = await db
    .select()
    .from(contact)
    .where(and(eq(contact.organizationId, organizationId), inArray(contact.id, [sourceId, targetId])));
  const source = found.find((c) => c.id === sourceId);
  const target = found.find((c) => c.id === targetId);
  // Either one missing is the same 404: another organization's contact does not exist for the caller.
  if (!source || !target) throw ApiError.notFound("contact");

  const bothExist = sql`(SELECT count(*) FROM ${contact} WHERE ${contact.id} IN (${sourceId}, ${targetId})) = 2`;
  const moveEntries = (table: typeof contactPhone | typeof contactEmail): Statement[] => [
    // The target keeps its preferred entry; the source's becomes an ordinary one. (A query
    // builder, not db.run(sql): drizzle's D1 batch cannot bind raw SQL's parameters, drizzle#2277.)
    db
      .update(table as typeof contactPhone)
      .set({ isPreferred: false })
      .where(
        and(
          eq(table.contactId, sourceId),
          eq(table.isPreferred, true),
          sql`EXISTS (SELECT 1 FROM ${table} t WHERE t.contact_id = ${targetId} AND t.is_preferred = 1)`,
          bothExist,
        ),
      ),
    db
      .update(table as typeof contactPhone)
      .set({ contactId: targetId })
      .where(and(eq(table.contactId, sourceId), bothExist)),
  ];
  const statements: Statement[] = [
    ...moveEntries(contactPhone),
    ...moveEntries(contactEmail),
    db
      .update(call)
      .set({ contactId: targetId })
      .where(and(eq(call.contactId, sourceId), bothExist)),
    // Suggestions that the two are the same person are settled by the merge.
    db
      .delete(contactDuplicate)
      .where(
        or(
          and(eq(contactDuplicate.contactId, sourceId), eq(contactDuplicate.duplicateContactId, targetId)),
          and(eq(contactDuplicate.contactId, targetId), eq(contactDuplicate.duplicateContactId, sourceId)),
        ),
      ),
    db
      .update(contact)
      .set({
        firstName: target.firstName || source.firstName,
        lastName: target.lastName || source.lastName,
        enrichedAt: target.enrichedAt ?? source.enrichedAt,
        enrichedFromCallId: target.enrichedFromCallId ?? source.enrichedFromCallId,
        updatedAt: new Date(),
      })
      .where(and(eq(contact.id, targetId), bothExist)),
    db
      .delete(contact)
      .where(and(eq(contact.id, sourceId), bothExist))
      .returning({ id: contact.id }),
    selectContact(db, organizationId, targetId),
  ];
  let results: unknown[];
  try {
    results = await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    throw entryCapError(err, () => ["into"]) ?? err;
  }
  const [deleted, merged] = results.slice(-2) as [unknown[], ContactQueryRow[]];
  // The other contact was merged or deleted by another request meanwhile: this merge did nothing.
  if (!deleted.length || !merged[0]) throw ApiError.notFound("contact");
  return presentContact(merged[0]);
}
