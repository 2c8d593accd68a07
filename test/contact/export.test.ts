import { env } from "cloudflare:workers";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { EXPORT_PAGE } from "../../src/mods/contact/services/import-export/export-contacts";
import { createContact, expectJson, freshEmail, freshNumber, newTenant, send, type Tenant } from "../support/helpers";
import { exportCsv, importCsv, importRows, statuses } from "../support/import-helpers";

/*
 * GET /api/contacts/export (contract, Data in and out): every contact of the organization as CSV,
 * newest first, streamed, always the contract's columns, preferred entries first; free-text cells
 * neutralised against formula injection; an export imports back unchanged.
 */

const CONTRACT_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "phone",
  "phone_label",
  "email",
  "email_label",
  ...[2, 3, 4, 5].flatMap((n) => [`phone_${n}`, `phone_${n}_label`]),
  ...[2, 3, 4, 5].flatMap((n) => [`email_${n}`, `email_${n}_label`]),
  "created_at",
  "updated_at",
];

/** The export's records as objects by column name, and its header. */
async function exported(t: Tenant) {
  const text = await exportCsv(t.key);
  const [header, ...records] = parse(text, { bom: true }) as string[][];
  const rows = records.map((r) => Object.fromEntries((header ?? []).map((name, i) => [name, r[i] ?? ""])));
  return { text, header: header ?? [], rows };
}

/** CSV files of at most 500 rows each, as a client sends a large file. */
function chunked(text: string): string[] {
  const [header, ...records] = parse(text, { bom: true }) as string[][];
  const files: string[] = [];
  for (let i = 0; i < records.length; i += 500) files.push(stringify([header ?? [], ...records.slice(i, i + 500)]));
  return files;
}

async function importAll(t: Tenant, text: string) {
  const answers = [];
  for (const file of chunked(text)) answers.push(await importCsv(t.key, file));
  return answers.flatMap((a) => a.rows);
}

describe("the export", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant();
  });

  it("is text/csv to download, UTF-8 with a BOM and CRLF line ends, and the contract's columns in order", async () => {
    await createContact(t.key, { first_name: "Ada", phones: [{ phone_number: freshNumber() }] });
    const res = await send(t.key, "GET", "/api/contacts/export");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(CONTRACT_COLUMNS.join(","));
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("lists every contact newest first, preferred entries first, with ISO timestamps", async () => {
    const [p1, p2, e1] = [freshNumber(), freshNumber(), freshEmail()];
    const older = await createContact(t.key, { first_name: "Older" });
    const newer = await createContact(t.key, {
      first_name: "Newer",
      phones: [
        { phone_number: p1, label: "Work" },
        { phone_number: p2, label: "Mobile", is_preferred: true },
      ],
      emails: [{ email: e1 }],
    });
    const { rows } = await exported(t);
    const ids = rows.map((r) => r.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(rows.find((r) => r.id === newer.id)).toMatchObject({
      first_name: "Newer",
      phone: p2,
      phone_label: "Mobile",
      phone_2: p1,
      phone_2_label: "Work",
      email: e1,
      email_label: "",
      created_at: newer.created_at,
      updated_at: newer.updated_at,
    });
  });

  it("grows phone columns past phone_5 for a contact holding more, before the email columns", async () => {
    const numbers = Array.from({ length: 7 }, () => freshNumber());
    const many = await createContact(t.key, {
      first_name: "Many",
      phones: numbers.map((phone_number) => ({ phone_number })),
    });
    const { header, rows } = await exported(t);
    expect(header.slice(header.indexOf("phone_5_label"), header.indexOf("email_2") + 1)).toEqual([
      "phone_5_label",
      "phone_6",
      "phone_6_label",
      "phone_7",
      "phone_7_label",
      "email_2",
    ]);
    const row = rows.find((r) => r.id === many.id);
    expect([row?.phone, row?.phone_2, row?.phone_6, row?.phone_7]).toEqual([
      numbers[0],
      numbers[1],
      numbers[5],
      numbers[6],
    ]);
  });

  it("never holds another organization's contacts", async () => {
    const other = await newTenant();
    const theirs = await createContact(other.key, { first_name: "Theirs", phones: [{ phone_number: freshNumber() }] });
    const { text, rows } = await exported(t);
    expect(rows.length).toBeGreaterThan(0);
    expect(text).not.toContain(theirs.id);
    expect(text).not.toContain(theirs.phones[0].phone_number);
    const { rows: theirRows } = await exported(other);
    expect(theirRows.map((r) => r.id)).toEqual([theirs.id]);
  });

  it("of an organization without contacts is the header alone", async () => {
    const empty = await newTenant();
    const { header, rows } = await exported(empty);
    expect(header).toEqual(CONTRACT_COLUMNS);
    expect(rows).toEqual([]);
  });
});

describe("formula injection", () => {
  it("names, labels and emails starting with = + - @ are written with a leading '; numbers stay E.164", async () => {
    const t = await newTenant();
    const number = freshNumber();
    const contact = await createContact(t.key, {
      first_name: '=HYPERLINK("http://evil.example","x")',
      last_name: "@SUM(A1)",
      phones: [{ phone_number: number, label: "+1 label" }],
      emails: [{ email: "+tag@example.com", label: "-2" }],
    });
    const { rows } = await exported(t);
    expect(rows[0]).toMatchObject({
      id: contact.id,
      first_name: '\'=HYPERLINK("http://evil.example","x")',
      last_name: "'@SUM(A1)",
      phone: number,
      phone_label: "'+1 label",
      email: "'+tag@example.com",
      email_label: "'-2",
    });
    // Imported back, the cells are what they were.
    const fresh = await newTenant();
    const [row] = await importAll(fresh, await exportCsv(t.key));
    const copy = await expectJson(fresh.key, "GET", `/api/contacts/${row?.contact_id}`, undefined, 200);
    expect(copy).toMatchObject({ first_name: contact.first_name, last_name: "@SUM(A1)" });
    expect(copy.phones[0]).toMatchObject({ phone_number: number, label: "+1 label" });
    expect(copy.emails[0]).toMatchObject({ email: "+tag@example.com", label: "-2" });
  });
});

describe("the round trip at 1,000 contacts", () => {
  it("an export imports back unchanged, and into another organization as the same contacts", async () => {
    const t = await newTenant();
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      ...(i % 7 !== 0 && { first_name: `First ${i}` }),
      ...(i % 5 !== 0 && { last_name: i % 11 === 0 ? `-Dash, "quoted" ${i}` : `Last ${i}` }),
      phones: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        phone_number: freshNumber(),
        ...(k === 1 && { label: "Work" }),
      })),
      ...(i % 2 === 0 && { emails: [{ email: freshEmail(`p${i}`), label: i % 4 === 0 ? "Home" : null }] }),
    }));
    for (let i = 0; i < rows.length; i += 500) {
      expect((await importRows(t.key, rows.slice(i, i + 500))).created).toBe(500);
    }
    const first = await exported(t);
    expect(first.rows).toHaveLength(1000);

    const again = await importAll(t, first.text);
    expect(new Set(again.map((r) => r.status))).toEqual(new Set(["unchanged"]));
    expect(new Set(again.map((r) => r.contact_id))).toEqual(new Set(first.rows.map((r) => r.id)));
    expect((await exported(t)).text).toBe(first.text);

    const copy = await newTenant();
    const created = await importAll(copy, first.text);
    expect(created.every((r) => r.status === "created")).toBe(true);
    const content = (r: Record<string, string>) => {
      const { id: _id, created_at: _c, updated_at: _u, ...rest } = r;
      return JSON.stringify(rest);
    };
    expect((await exported(copy)).rows.map(content).sort()).toEqual(first.rows.map(content).sort());
  }, 60_000);
});

describe("streaming", () => {
  it(`pages through more than ${EXPORT_PAGE} contacts: each once, newest first`, async () => {
    const t = await newTenant();
    const count = EXPORT_PAGE + 1;
    const now = Date.now();
    // Written in SQL: the API would take 5 requests of 500, and this is about the export's pages.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO contact (id, organization_id, first_name, last_name, created_at, updated_at)
       SELECT lower(hex(randomblob(4))) || '-0000-4000-8000-' || printf('%012d', i), ?, 'Bulk', 'N' || i, ?, ? FROM n`,
    )
      .bind(count, t.organizationId, now, now)
      .run();
    const { rows } = await exported(t);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);
    expect(rows.map((r) => r.last_name)).toEqual(Array.from({ length: count }, (_, i) => `N${count - i}`));
  });
});

describe("statuses of a re-import", () => {
  it("an exported contact edited in the spreadsheet imports as updated, only where it gained something", async () => {
    const t = await newTenant();
    const contact = await createContact(t.key, { last_name: "Stub", phones: [{ phone_number: freshNumber() }] });
    const { text } = await exported(t);
    const [header, record] = parse(text, { bom: true }) as string[][];
    const edited = [...(record ?? [])];
    edited[(header ?? []).indexOf("first_name")] = "Named";
    edited[(header ?? []).indexOf("last_name")] = "Overwritten?";
    const answer = await importCsv(t.key, stringify([header ?? [], edited]));
    expect(statuses(answer)).toEqual(["updated"]);
    const after = await expectJson(t.key, "GET", `/api/contacts/${contact.id}`, undefined, 200);
    expect(after).toMatchObject({ first_name: "Named", last_name: "Stub" });
  });
});
