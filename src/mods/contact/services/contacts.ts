import { and, eq } from "drizzle-orm";
import type { Database, Statement } from "../../../db/client";
import { contact } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { newRowId } from "../../../lib/row-id";
import type { Contact, NewContact } from "../types/contact";
import { type ContactQueryRow, contactColumns, presentContact } from "./contact-query";
import { batchOrConflict, type EntryKind, emailKind, insertEntry, phoneKind, type Tenant } from "./entries";

const inOrganization = (organizationId: string, id: string) =>
  and(eq(contact.id, id), eq(contact.organizationId, organizationId));

export function selectContact(db: Database, organizationId: string, id: string) {
  return db.select(contactColumns).from(contact).where(inOrganization(organizationId, id));
}

export async function getContact(db: Database, organizationId: string, id: string): Promise<Contact> {
  const [row] = await selectContact(db, organizationId, id);
  if (!row) throw ApiError.notFound("contact");
  return presentContact(row);
}

/**
 * A new contact's phones or emails, ready to insert: the one marked preferred, else the first. The
 * body's schema refused two marked, a value twice and a bad number (types/contact.ts).
 */
function entriesToInsert(
  kind: EntryKind,
  tenant: Tenant,
  field: "phones" | "emails",
  entries: { value: string; label?: string | null; is_preferred?: boolean }[],
) {
  const preferred = Math.max(
    0,
    entries.findIndex((e) => e.is_preferred),
  );
  return entries.map((entry, i) => {
    const path = [field, i, kind.field];
    const { value, columns } = kind.columns(entry.value, tenant, path);
    return { kind, value, path, columns, label: entry.label ?? null, isPreferred: i === preferred };
  });
}

/** Creates the contact with its phones and emails in one atomic batch: all or nothing. */
export async function createContact(db: Database, tenant: Tenant, input: NewContact): Promise<Contact> {
  const entries = [
    ...entriesToInsert(
      phoneKind,
      tenant,
      "phones",
      (input.phones ?? []).map((p) => ({ ...p, value: p.phone_number })),
    ),
    ...entriesToInsert(
      emailKind,
      tenant,
      "emails",
      (input.emails ?? []).map((e) => ({ ...e, value: e.email })),
    ),
  ];
  const id = newRowId();
  const now = new Date();
  const statements: Statement[] = [
    db.insert(contact).values({
      id,
      organizationId: tenant.organizationId,
      firstName: input.first_name ?? "",
      lastName: input.last_name ?? "",
      createdAt: now,
      updatedAt: now,
    }),
    ...entries.map((e) => insertEntry(db, e.kind, tenant, id, e.columns, e.label, e.isPreferred, now).insert),
    selectContact(db, tenant.organizationId, id),
  ];
  const results = await batchOrConflict(db, tenant.organizationId, statements, entries);
  return presentContact((results.at(-1) as ContactQueryRow[])[0]!);
}

export async function updateContactNames(
  db: Database,
  organizationId: string,
  id: string,
  names: { first_name?: string; last_name?: string },
): Promise<Contact> {
  const [, [row]] = await db.batch([
    db
      .update(contact)
      .set({ firstName: names.first_name, lastName: names.last_name, updatedAt: new Date() })
      .where(inOrganization(organizationId, id)),
    selectContact(db, organizationId, id),
  ]);
  if (!row) throw ApiError.notFound("contact");
  return presentContact(row);
}

/** Its phones and emails go with it (ON DELETE CASCADE). */
export async function deleteContact(db: Database, organizationId: string, id: string) {
  const deleted = await db.delete(contact).where(inOrganization(organizationId, id)).returning({ id: contact.id });
  if (!deleted.length) throw ApiError.notFound("contact");
}
