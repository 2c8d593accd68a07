import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Database, Statement } from "../../../db/client";
import { call, contact, contactDuplicate, contactEmail, contactPhone } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import type { Contact } from "../types/contact";
import { type ContactQueryRow, presentContact } from "./contact-query";
import { selectContact } from "./contacts";

/**
 * Moves the phones, emails (and calls) of `sourceId` to `targetId` and deletes the source, in one
 * atomic batch. The target's non-empty names and its preferred entries win.
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
        ),
      ),
    db
      .update(table as typeof contactPhone)
      .set({ contactId: targetId })
      .where(eq(table.contactId, sourceId)),
  ];
  const statements: Statement[] = [
    ...moveEntries(contactPhone),
    ...moveEntries(contactEmail),
    db.update(call).set({ contactId: targetId }).where(eq(call.contactId, sourceId)),
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
      .where(eq(contact.id, targetId)),
    db.delete(contact).where(eq(contact.id, sourceId)),
    selectContact(db, organizationId, targetId),
  ];
  const results = await db.batch(statements as [Statement, ...Statement[]]);
  return presentContact((results.at(-1) as ContactQueryRow[])[0]!);
}
