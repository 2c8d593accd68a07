import { getTableColumns, sql } from "drizzle-orm";
import { contact } from "../../../db/schema";
import { iso, isoOrNull } from "../../../lib/fields";
import type { Contact, Email, Phone } from "../types/contact";

/*
 * A contact with its phones and emails in one SELECT (json_group_array subqueries), so a page of
 * 200 contacts is still one D1 round trip, and a write can read its result back in the same batch.
 *
 * The entries come in `seq` order from an ordered subquery, not from `json_group_array(… ORDER BY)`:
 * SQLite sorts an aggregate's ORDER BY in a temp B-tree for every contact, while the subquery reads
 * the order straight from the contact_id index (its rows are in rowid, that is `seq`, order), and
 * SQLite never flattens an ordered subquery into an aggregate, so the order holds.
 * (The outer `contact.id` is spelled out: drizzle writes a bare "id" in single-table selects,
 * which the subquery would read as its own column.)
 */
const phonesJson = sql<string>`(
  SELECT json_group_array(json_object('id', id, 'phone_number', phone_number, 'label', label,
    'is_preferred', is_preferred, 'created_at', created_at))
  FROM (SELECT * FROM contact_phone p WHERE p.contact_id = contact.id ORDER BY p.seq))`;

const emailsJson = sql<string>`(
  SELECT json_group_array(json_object('id', id, 'email', email, 'label', label,
    'is_preferred', is_preferred, 'source', source, 'created_at', created_at))
  FROM (SELECT * FROM contact_email e WHERE e.contact_id = contact.id ORDER BY e.seq))`;

export const contactColumns = { ...getTableColumns(contact), phones: phonesJson, emails: emailsJson };

export interface ContactQueryRow {
  seq: number;
  id: string;
  firstName: string;
  lastName: string;
  enrichedAt: Date | null;
  enrichedFromCallId: string | null;
  createdAt: Date;
  updatedAt: Date;
  phones: string;
  emails: string;
}

type Entry<T> = Omit<T, "is_preferred" | "created_at"> & { is_preferred: number; created_at: number };

export function presentPhone(p: Entry<Phone>): Phone {
  return { ...p, is_preferred: p.is_preferred === 1, created_at: new Date(p.created_at).toISOString() };
}

export function presentEmail(e: Entry<Email>): Email {
  return { ...e, is_preferred: e.is_preferred === 1, created_at: new Date(e.created_at).toISOString() };
}

export function presentContact(row: ContactQueryRow): Contact {
  return {
    id: row.id,
    first_name: row.firstName,
    last_name: row.lastName,
    is_stub: !row.firstName && !row.lastName,
    phones: (JSON.parse(row.phones) as Entry<Phone>[]).map(presentPhone),
    emails: (JSON.parse(row.emails) as Entry<Email>[]).map(presentEmail),
    enriched_at: isoOrNull(row.enrichedAt),
    enriched_from_call_id: row.enrichedFromCallId,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
