import { and, eq, getTableName, sql } from "drizzle-orm";
import type { CountryCode } from "libphonenumber-js";
import type { Database, Statement } from "../../../db/client";
import { contact, contactEmail, contactPhone } from "../../../db/schema";
import { isForeignKeyViolation, uniqueViolationTable } from "../../../lib/db-errors";
import { ApiError } from "../../../lib/errors";
import { readPhoneNumber } from "../../../lib/phone-number";
import { newRowId } from "../../../lib/row-id";
import type { Email, Phone } from "../types/contact";
import { presentEmail, presentPhone } from "./contact-query";
import { entryCapError } from "./entry-caps";
import { type EntryTable, preferOldestIfNone, unpreferAll } from "./preferred";

/*
 * Phones and emails follow the same rules (one owner per organization, labels, one preferred),
 * so one set of functions serves both, told apart by an EntryKind.
 */
/** The organization a request acts for, and the country its numbers without a `+` are read in. */
export interface Tenant {
  organizationId: string;
  country: CountryCode;
}

export interface EntryKind<Out = unknown> {
  table: EntryTable;
  noun: string;
  /** The request and response field holding the value; also the error path. */
  field: "phone_number" | "email";
  /** Stored column values for a value as given, or a validation error at `path`. */
  columns(value: string, tenant: Tenant, path: (string | number)[]): { value: string; columns: Record<string, string> };
  present(row: never): Out;
}

export const phoneKind: EntryKind<Phone> = {
  table: contactPhone,
  noun: "phone",
  field: "phone_number",
  columns(value, tenant, path) {
    const parsed = readPhoneNumber(value, tenant.country);
    if (parsed.kind !== "phone") throw ApiError.validation([{ path, message: "not a phone number" }]);
    return { value: parsed.e164, columns: { phoneNumber: parsed.e164, searchDigits: parsed.searchDigits } };
  },
  present: presentPhone as (row: never) => Phone,
};

export const emailKind: EntryKind<Email> = {
  table: contactEmail,
  noun: "email",
  field: "email",
  columns: (value) => ({ value, columns: { email: value } }),
  present: presentEmail as (row: never) => Email,
};

export interface EntryInput {
  value?: string;
  label?: string | null;
  is_preferred?: boolean;
}

/** Reads an entry back in the shape the present functions take (a builder: raw SQL cannot join a D1 batch). */
function selectEntry(db: Database, kind: EntryKind, id: string) {
  const table = kind.table as typeof contactPhone;
  const columns = ["id", kind.field, "label", "is_preferred", "created_at", ...(kind === emailKind ? ["source"] : [])];
  return db
    .select(Object.fromEntries(columns.map((column) => [column, sql`${sql.identifier(column)}`])))
    .from(table)
    .where(eq(table.id, id));
}

export function insertEntry(
  db: Database,
  kind: EntryKind,
  tenant: Tenant,
  contactId: string,
  columns: Record<string, string>,
  label: string | null,
  isPreferred: boolean,
  now: Date,
) {
  const id = newRowId();
  const row = { id, organizationId: tenant.organizationId, contactId, label, isPreferred, createdAt: now, ...columns };
  return { id, insert: db.insert(kind.table as typeof contactPhone).values(row as typeof contactPhone.$inferInsert) };
}

/**
 * Runs a write batch of a contact's entries, in the contract's words when the database refuses
 * it: a UNIQUE failure on a phone or email is the 409 (its issue at the value's `path` in the
 * request); a contact over its cap is a 400; a contact deleted since it was read (its entries'
 * foreign key) is a 404.
 */
export async function batchOrConflict(
  db: Database,
  organizationId: string,
  statements: Statement[],
  values: { kind: EntryKind; value: string; path: (string | number)[] }[],
) {
  try {
    return await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    const overCap = entryCapError(err, (table) => [table === "contact_phone" ? "phone_number" : "email"]);
    if (overCap) throw overCap;
    if (isForeignKeyViolation(err)) throw ApiError.notFound("contact");
    const table = uniqueViolationTable(err);
    for (const kind of [phoneKind, emailKind] as EntryKind[]) {
      const candidates = values.filter((v) => v.kind === kind).map((v) => v.value);
      if (table !== getTableName(kind.table) || !candidates.length) continue;
      const [holder] = (await db.all(sql`
        SELECT contact_id AS contactId, ${sql.identifier(kind.field)} AS value FROM ${kind.table}
        WHERE organization_id = ${organizationId} AND ${sql.identifier(kind.field)} IN (${sql.join(
          candidates.map((c) => sql`${c}`),
          sql`, `,
        )}) LIMIT 1`)) as { contactId: string; value: string }[];
      if (holder) {
        const { path } = values.find((v) => v.kind === kind && v.value === holder.value) ?? {};
        throw ApiError.conflict(`${kind.field}: ${holder.value} already belongs to a contact`, holder.contactId, path);
      }
    }
    throw err;
  }
}

export const touchContact = (db: Database, contactId: string, now: Date) =>
  db.update(contact).set({ updatedAt: now }).where(eq(contact.id, contactId));

async function assertContact(db: Database, organizationId: string, contactId: string) {
  const [found] = await db
    .select({ id: contact.id })
    .from(contact)
    .where(and(eq(contact.id, contactId), eq(contact.organizationId, organizationId)));
  if (!found) throw ApiError.notFound("contact");
}

/** The entry under this contact of this organization, with how many entries the contact has. */
async function findEntry(db: Database, kind: EntryKind, tenant: Tenant, contactId: string, entryId: string) {
  const [found] = (await db.all(sql`
    SELECT is_preferred AS isPreferred, (SELECT count(*) FROM ${kind.table} WHERE contact_id = ${contactId}) AS siblings
    FROM ${kind.table}
    WHERE id = ${entryId} AND contact_id = ${contactId} AND organization_id = ${tenant.organizationId}`)) as {
    isPreferred: number;
    siblings: number;
  }[];
  if (!found) throw ApiError.notFound(kind.noun);
  return found;
}

export async function addEntry<Out>(
  db: Database,
  kind: EntryKind<Out>,
  tenant: Tenant,
  contactId: string,
  input: EntryInput & { value: string },
): Promise<Out> {
  const { value, columns } = kind.columns(input.value, tenant, [kind.field]);
  await assertContact(db, tenant.organizationId, contactId);
  const now = new Date();
  const { id, insert } = insertEntry(
    db,
    kind,
    tenant,
    contactId,
    columns,
    input.label ?? null,
    input.is_preferred === true,
    now,
  );
  const results = await batchOrConflict(
    db,
    tenant.organizationId,
    [
      ...(input.is_preferred ? [unpreferAll(db, kind.table, contactId)] : []),
      insert,
      preferOldestIfNone(db, kind.table, contactId),
      touchContact(db, contactId, now),
      selectEntry(db, kind, id),
    ],
    [{ kind, value, path: [kind.field] }],
  );
  return kind.present((results.at(-1) as never[])[0]!);
}

export async function updateEntry<Out>(
  db: Database,
  kind: EntryKind<Out>,
  tenant: Tenant,
  contactId: string,
  entryId: string,
  patch: EntryInput,
): Promise<Out> {
  const normalized = patch.value === undefined ? undefined : kind.columns(patch.value, tenant, [kind.field]);
  const current = await findEntry(db, kind, tenant, contactId, entryId);
  if (patch.is_preferred === false && current.isPreferred && current.siblings === 1) {
    throw ApiError.validation([
      { path: ["is_preferred"], message: `the only ${kind.noun} of a contact stays preferred` },
    ]);
  }
  const changes = {
    ...normalized?.columns,
    ...(patch.label !== undefined && { label: patch.label }),
    ...(patch.is_preferred !== undefined && { isPreferred: patch.is_preferred }),
  };
  const now = new Date();
  const table = kind.table as typeof contactPhone;
  const results = await batchOrConflict(
    db,
    tenant.organizationId,
    [
      // Only while the entry is there: a delete that won the race leaves the preference alone.
      ...(patch.is_preferred ? [unpreferAll(db, kind.table, contactId, entryId)] : []),
      db.update(table).set(changes).where(eq(table.id, entryId)),
      // Un-preferring passes the preference to the oldest other entry.
      preferOldestIfNone(db, kind.table, contactId, entryId),
      touchContact(db, contactId, now),
      selectEntry(db, kind, entryId),
    ],
    normalized ? [{ kind, value: normalized.value, path: [kind.field] }] : [],
  );
  const [updated] = results.at(-1) as never[];
  // Deleted (or its contact deleted) since it was found: the delete won the race.
  if (!updated) throw ApiError.notFound(kind.noun);
  return kind.present(updated);
}

export async function deleteEntry(db: Database, kind: EntryKind, tenant: Tenant, contactId: string, entryId: string) {
  await findEntry(db, kind, tenant, contactId, entryId);
  const table = kind.table as typeof contactPhone;
  const [deleted] = await db.batch([
    db.delete(table).where(eq(table.id, entryId)).returning({ id: table.id }),
    preferOldestIfNone(db, kind.table, contactId),
    touchContact(db, contactId, new Date()),
  ]);
  // Another request deleted it since it was found: only one of them deleted it.
  if (!deleted.length) throw ApiError.notFound(kind.noun);
}
