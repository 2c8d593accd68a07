import {
  type ContactNames,
  emailKey,
  type ImportState,
  type KnownContact,
  phoneKey,
  type RowWrites,
} from "./import-plan";

/*
 * The import's reads and writes as a few set-based statements over JSON parameters (json_each):
 * whatever the number of rows, a read is one batch of 2 statements, and a write batch of rows at
 * most 6 (more only when the JSON of one kind passes JSON_PARAMETER_CHARS), well within D1's 100
 * bound parameters per statement and the Workers limit on queries per invocation.
 * Raw D1 statements, not drizzle's builder: drizzle cannot bind raw SQL inside a D1 batch (drizzle#2277).
 */

/** D1 takes strings of up to 2,000,000 bytes: this many characters are at most 1.5 MB of UTF-8. */
const JSON_PARAMETER_CHARS = 500_000;

const HOLDERS = `
  SELECT 'p' AS kind, phone_number AS value, contact_id FROM contact_phone
  WHERE organization_id = ? AND phone_number IN (SELECT value FROM json_each(?))
  UNION ALL
  SELECT 'e', email, contact_id FROM contact_email
  WHERE organization_id = ? AND email IN (SELECT value FROM json_each(?))`;

/*
 * The statements, by name (test/contact/import-query-plans.test.ts checks their plans). `+` before
 * organization_id in the UPDATEs makes it a check, not a search: without it SQLite walks the
 * organization's every contact through an index on organization_id (measured: 144 ms per batch at
 * 100,000 contacts) instead of finding the rows by id.
 */
export const IMPORT_SQL = {
  holders: HOLDERS,
  holdingContacts: `
    SELECT c.id, c.first_name AS firstName, c.last_name AS lastName,
      (SELECT count(*) FROM contact_phone WHERE contact_id = c.id) AS phones,
      (SELECT count(*) FROM contact_email WHERE contact_id = c.id) AS emails
    FROM contact c WHERE c.id IN (SELECT contact_id FROM (${HOLDERS}))`,
  insertPhones: `
    INSERT INTO contact_phone
      (id, organization_id, contact_id, phone_number, search_digits, label, is_preferred, created_at)
    SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, ? FROM json_each(?)`,
  insertEmails: `
    INSERT INTO contact_email (id, organization_id, contact_id, email, label, is_preferred, source, created_at)
    SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4, 'manual', ? FROM json_each(?)`,
  insertContacts: `
    INSERT INTO contact (id, organization_id, first_name, last_name, created_at, updated_at)
    SELECT value ->> 0, ?, value ->> 1, value ->> 2, ?, ? FROM json_each(?)`,
  fillNames: `
    UPDATE contact SET
      first_name = CASE first_name WHEN '' THEN u.value ->> 1 ELSE first_name END,
      last_name = CASE last_name WHEN '' THEN u.value ->> 2 ELSE last_name END
    FROM json_each(?) AS u
    WHERE contact.id = u.value ->> 0 AND +contact.organization_id = ?`,
  touch: "UPDATE contact SET updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND +organization_id = ?",
};

/** Which of these numbers and emails the organization's contacts hold, and those contacts, in one transaction. */
export async function readImportState(
  d1: D1Database,
  organizationId: string,
  phones: string[],
  emails: string[],
): Promise<ImportState> {
  const params = [organizationId, JSON.stringify(phones), organizationId, JSON.stringify(emails)];
  const [holders, contacts] = await d1.batch([
    d1.prepare(IMPORT_SQL.holders).bind(...params),
    d1.prepare(IMPORT_SQL.holdingContacts).bind(...params),
  ]);
  const owners = new Map<string, string>();
  for (const h of (holders?.results ?? []) as { kind: string; value: string; contact_id: string }[]) {
    owners.set(h.kind === "p" ? phoneKey(h.value) : emailKey(h.value), h.contact_id);
  }
  const found = (contacts?.results ?? []) as KnownContact[];
  return { owners, contacts: new Map(found.map((c) => [c.id, c])) };
}

/** The writes of consecutive rows together: a contact created and renamed among them is created with its last names. */
function together(rows: RowWrites[]) {
  const created = new Map<string, ContactNames>();
  const renamed = new Map<string, ContactNames>();
  const touched = new Set<string>();
  for (const row of rows) {
    if (row.newContact) created.set(row.newContact.id, row.newContact);
    if (row.renamed) (created.has(row.renamed.id) ? created : renamed).set(row.renamed.id, row.renamed);
    if (row.touched && !created.has(row.touched)) touched.add(row.touched);
  }
  return {
    newContacts: [...created.values()],
    renamed: [...renamed.values()],
    touched: [...touched],
    phones: rows.flatMap((r) => r.phones),
    emails: rows.flatMap((r) => r.emails),
  };
}

/**
 * The writes of some rows, for one D1 batch (one transaction). Names are filled only while still empty, so that a
 * person's edit since the plan was read wins; the database's UNIQUE indexes and per-contact caps
 * refuse anything a concurrent write made wrong, and the whole batch with it.
 */
export function importStatements(
  d1: D1Database,
  organizationId: string,
  rows: RowWrites[],
  now: number,
): D1PreparedStatement[] {
  const writes = together(rows);
  const each = <T>(items: T[], sql: string, row: (item: T) => unknown[] | string, bind: (json: string) => unknown[]) =>
    jsonChunks(items.map(row)).map((json) => d1.prepare(sql).bind(...bind(json)));
  const newContacts = each(
    writes.newContacts,
    IMPORT_SQL.insertContacts,
    (c) => [c.id, c.firstName, c.lastName],
    (json) => [organizationId, now, now, json],
  );
  return [
    // New contacts' phones and emails go in before the contacts themselves (their foreign keys
    // checked at commit): the search triggers then find no contact to update for each entry, and
    // the contact's INSERT indexes its whole document once, rather than three times.
    ...(newContacts.length ? [d1.prepare("PRAGMA defer_foreign_keys = ON")] : []),
    ...each(
      writes.phones,
      IMPORT_SQL.insertPhones,
      (p) => [p.id, p.contactId, p.entry.e164, p.entry.searchDigits, p.entry.label, p.isPreferred ? 1 : 0],
      (json) => [organizationId, now, json],
    ),
    ...each(
      writes.emails,
      IMPORT_SQL.insertEmails,
      (e) => [e.id, e.contactId, e.entry.email, e.entry.label, e.isPreferred ? 1 : 0],
      (json) => [organizationId, now, json],
    ),
    ...newContacts,
    ...each(
      writes.renamed,
      IMPORT_SQL.fillNames,
      (c) => [c.id, c.firstName, c.lastName],
      (json) => [json, organizationId],
    ),
    ...each(
      writes.touched,
      IMPORT_SQL.touch,
      (id) => id,
      (json) => [now, json, organizationId],
    ),
  ];
}

/** The items as JSON arrays of at most JSON_PARAMETER_CHARS each; none for no items. */
function jsonChunks(items: unknown[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const item of items) {
    const json = JSON.stringify(item);
    if (current.length && size + json.length + 1 > JSON_PARAMETER_CHARS) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
