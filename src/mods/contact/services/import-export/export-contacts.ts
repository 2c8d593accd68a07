import { stringify } from "csv-stringify/sync";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../../../../db/client";
import { contact } from "../../../../db/schema";
import { type ContactQueryRow, contactColumns } from "../contact-query";
import { neutraliseFormula } from "./csv-cells";

/*
 * GET /api/contacts/export: every contact of the organization as CSV, newest first, streamed.
 * The stream pulls one keyset page (EXPORT_PAGE contacts, one query) whenever the client has read
 * the last one, so 200,000 contacts never sit in the Worker's memory together, and a slow client
 * slows the reads rather than filling memory.
 */

/** Contacts per query: 100 queries for 200,000 contacts, within the Workers limit on queries per invocation. */
export const EXPORT_PAGE = 2_000;
/** The contract's columns hold 5 phones and 5 emails; a contact with more makes the export wider. */
const MIN_ENTRY_COLUMNS = 5;

interface Entry {
  value: string;
  label: string | null;
  is_preferred: number;
}

/** The header: id, first_name, last_name, phone, phone_label, email, email_label, phone_2 … email_N_label, created_at, updated_at. */
export function exportHeader(phones: number, emails: number): string[] {
  const slots = (kind: string, from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => [`${kind}_${from + i}`, `${kind}_${from + i}_label`]);
  return [
    "id",
    "first_name",
    "last_name",
    "phone",
    "phone_label",
    "email",
    "email_label",
    ...slots("phone", 2, phones).flat(),
    ...slots("email", 2, emails).flat(),
    "created_at",
    "updated_at",
  ];
}

/** Preferred first, then in the order they were added, as `slots` pairs of cells (value, label). */
function entryPairs(entries: Entry[], slots: number, valueCell: (value: string) => string): string[][] {
  const ordered = [...entries.filter((e) => e.is_preferred), ...entries.filter((e) => !e.is_preferred)];
  return Array.from({ length: slots }, (_, i) => {
    const entry = ordered[i];
    return entry ? [valueCell(entry.value), neutraliseFormula(entry.label ?? "")] : ["", ""];
  });
}

function exportRecord(row: ContactQueryRow, columns: EntryColumns): string[] {
  const phones = entryPairs(
    (JSON.parse(row.phones) as (Entry & { phone_number: string })[]).map((p) => ({ ...p, value: p.phone_number })),
    columns.phones,
    // E.164, validated on the way in: no formula, and it must import back as it is.
    (e164) => e164,
  );
  const emails = entryPairs(
    (JSON.parse(row.emails) as (Entry & { email: string })[]).map((e) => ({ ...e, value: e.email })),
    columns.emails,
    neutraliseFormula,
  );
  return [
    row.id,
    neutraliseFormula(row.firstName),
    neutraliseFormula(row.lastName),
    ...(phones[0] ?? []),
    ...(emails[0] ?? []),
    ...phones.slice(1).flat(),
    ...emails.slice(1).flat(),
    row.createdAt.toISOString(),
    row.updatedAt.toISOString(),
  ];
}

interface EntryColumns {
  phones: number;
  emails: number;
}

/** How many phone and email columns the export needs: the most any contact holds, at least 5. */
async function entryColumns(db: Database, organizationId: string): Promise<EntryColumns> {
  const most = (table: string) =>
    `(SELECT max(n) FROM (SELECT count(*) AS n FROM ${table} WHERE organization_id = ? GROUP BY contact_id))`;
  const found = await db.$client
    .prepare(`SELECT ${most("contact_phone")} AS phones, ${most("contact_email")} AS emails`)
    .bind(organizationId, organizationId)
    .first<{ phones: number | null; emails: number | null }>();
  return {
    phones: Math.max(MIN_ENTRY_COLUMNS, found?.phones ?? 0),
    emails: Math.max(MIN_ENTRY_COLUMNS, found?.emails ?? 0),
  };
}

const csv = (records: string[][]) => stringify(records, { record_delimiter: "windows" });

/** The organization's contacts as a CSV byte stream (UTF-8 with a BOM, which spreadsheets need to read it as UTF-8). */
export function exportContactsCsv(db: Database, organizationId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let columns: EntryColumns | undefined;
  let before = Number.MAX_SAFE_INTEGER;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!columns) {
          columns = await entryColumns(db, organizationId);
          controller.enqueue(encoder.encode(`\uFEFF${csv([exportHeader(columns.phones, columns.emails)])}`));
          return;
        }
        const rows = (await db
          .select(contactColumns)
          .from(contact)
          .where(and(eq(contact.organizationId, organizationId), lt(contact.seq, before)))
          .orderBy(desc(contact.seq))
          .limit(EXPORT_PAGE)) as ContactQueryRow[];
        const page = rows.map((row) => exportRecord(row, columns as EntryColumns));
        if (page.length) controller.enqueue(encoder.encode(csv(page)));
        if (rows.length < EXPORT_PAGE) controller.close();
        else before = rows.at(-1)?.seq ?? 0;
      },
    },
    { highWaterMark: 0 },
  );
}
