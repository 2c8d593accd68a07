import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ENTRIES_PER_CONTACT } from "../../src/mods/contact/types/contact";
import {
  createContact,
  freshEmail,
  freshNumber,
  getContact,
  national,
  newTenant,
  type Tenant,
} from "../support/helpers";
import { importRows, statuses, tablesOf } from "../support/import-helpers";

/*
 * What an import does to the organization's contacts (contract, Data in and out): a row whose
 * phone or email a contact holds updates it (fills empty names, never overwrites one; adds
 * missing phones and emails, not preferred when it has a preferred one), else creates one; it
 * never moves a value between contacts nor merges two; each row all or nothing, rows independent;
 * rows sharing a value become one contact; a dry run writes nothing.
 */

let t: Tenant;

beforeAll(async () => {
  t = await newTenant();
});

const phone = (phone_number: string, label?: string) => ({ phone_number, ...(label && { label }) });
const email = (address: string, label?: string) => ({ email: address, ...(label && { label }) });

describe("creating and updating", () => {
  it("a row no contact matches creates one, its first phone and email preferred", async () => {
    const [p1, p2, e1] = [freshNumber(), freshNumber(), freshEmail()];
    const answer = await importRows(t.key, [
      { first_name: "Ada", last_name: "Lovelace", phones: [phone(p1, "Mobile"), phone(p2)], emails: [email(e1)] },
    ]);
    expect(answer).toMatchObject({ created: 1, updated: 0, unchanged: 0, failed: 0, ignored_columns: [] });
    const id = answer.rows[0]?.contact_id as string;
    const ada = await getContact(t.key, id);
    expect(ada).toMatchObject({ first_name: "Ada", last_name: "Lovelace", is_stub: false });
    expect(
      ada.phones.map((p: { phone_number: string; label: string | null; is_preferred: boolean }) => [
        p.phone_number,
        p.label,
        p.is_preferred,
      ]),
    ).toEqual([
      [p1, "Mobile", true],
      [p2, null, false],
    ]);
    expect(ada.emails).toEqual([expect.objectContaining({ email: e1, is_preferred: true, source: "manual" })]);
  });

  it("a row whose phone a contact holds fills its empty names and adds what it lacks, not preferred", async () => {
    const [number, held, added] = [freshNumber(), freshEmail(), freshEmail()];
    const stub = await createContact(t.key, { last_name: "Kept", phones: [phone(number)], emails: [email(held)] });
    // The number as a person types it: read in the default country, it is the same number.
    const answer = await importRows(t.key, [
      { first_name: "Filled", last_name: "Not Overwritten", phones: [phone(national(number))], emails: [email(added)] },
    ]);
    expect(answer.rows).toEqual([{ row: 1, status: "updated", contact_id: stub.id, errors: [] }]);
    const after = await getContact(t.key, stub.id);
    expect(after).toMatchObject({ first_name: "Filled", last_name: "Kept" });
    expect(after.phones).toHaveLength(1);
    expect(after.emails.map((e: { email: string; is_preferred: boolean }) => [e.email, e.is_preferred])).toEqual([
      [held, true],
      [added, false],
    ]);
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(stub.updated_at));
  });

  it("a row matching by email (in any case) updates that contact; a new phone is preferred when it has none", async () => {
    const address = freshEmail("grace");
    const contact = await createContact(t.key, { first_name: "Grace", emails: [email(address)] });
    const number = freshNumber();
    const answer = await importRows(t.key, [
      { emails: [email(`  ${address.toUpperCase()} `)], phones: [phone(number)] },
    ]);
    expect(answer.rows[0]).toMatchObject({ status: "updated", contact_id: contact.id });
    const after = await getContact(t.key, contact.id);
    expect(after.phones).toEqual([expect.objectContaining({ phone_number: number, is_preferred: true })]);
  });

  it("a row bringing nothing new is unchanged, and changes nothing", async () => {
    const number = freshNumber();
    const contact = await createContact(t.key, { first_name: "Same", phones: [phone(number, "Mobile")] });
    const before = await tablesOf(t.organizationId);
    // Another name and another label for a number it holds: names are never overwritten, and labels
    // belong to the entries it has.
    const answer = await importRows(t.key, [{ first_name: "Other", phones: [phone(number, "Work")] }]);
    expect(answer).toMatchObject({ unchanged: 1, rows: [{ status: "unchanged", contact_id: contact.id, errors: [] }] });
    expect(await tablesOf(t.organizationId)).toEqual(before);
  });

  it("rows of one request sharing a number or an email become one contact", async () => {
    const [number, address, other] = [freshNumber(), freshEmail(), freshNumber()];
    const answer = await importRows(t.key, [
      { first_name: "Linus", phones: [phone(number)] },
      { last_name: "Torvalds", phones: [phone(number)], emails: [email(address)] },
      { emails: [email(address)], phones: [phone(other)] },
      { first_name: "Ignored", phones: [phone(other)] },
    ]);
    expect(statuses(answer)).toEqual(["created", "updated", "updated", "unchanged"]);
    const ids = new Set(answer.rows.map((r) => r.contact_id));
    expect(ids.size).toBe(1);
    const linus = await getContact(t.key, [...ids][0] as string);
    expect(linus).toMatchObject({ first_name: "Linus", last_name: "Torvalds" });
    expect(linus.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([number, other]);
    expect(linus.emails.map((e: { email: string }) => e.email)).toEqual([address]);
  });
});

describe("what an import never does", () => {
  it("a row matching two contacts fails and changes neither: no value moves, no merge", async () => {
    const [numberOfA, emailOfB] = [freshNumber(), freshEmail()];
    await createContact(t.key, { first_name: "A", phones: [phone(numberOfA)] });
    await createContact(t.key, { last_name: "", emails: [email(emailOfB)] });
    const before = await tablesOf(t.organizationId);
    const answer = await importRows(t.key, [
      { first_name: "Both", phones: [phone(numberOfA)], emails: [email(emailOfB), email(freshEmail())] },
    ]);
    expect(answer).toMatchObject({ failed: 1, rows: [{ row: 1, status: "failed", contact_id: null }] });
    expect(answer.rows[0]?.errors).toEqual([
      { path: [], message: expect.stringMatching(/belong to two different contacts.*never merges/) },
    ]);
    expect(await tablesOf(t.organizationId)).toEqual(before);
  });

  it("another organization's contacts are never matched nor updated: the row creates a contact here", async () => {
    const other = await newTenant();
    const number = freshNumber();
    const theirs = await createContact(other.key, { first_name: "Theirs", phones: [phone(number)] });
    const theirTables = await tablesOf(other.organizationId);
    const answer = await importRows(t.key, [{ first_name: "Ours", last_name: "Too", phones: [phone(number)] }]);
    expect(answer.rows[0]).toMatchObject({ status: "created" });
    expect(answer.rows[0]?.contact_id).not.toBe(theirs.id);
    expect(await tablesOf(other.organizationId)).toEqual(theirTables);
    expect((await getContact(t.key, answer.rows[0]?.contact_id as string)).phones[0].phone_number).toBe(number);
  });
});

describe("failed rows: each fails alone, with its reasons, and writes nothing", () => {
  const tooLong = "x".repeat(101);
  const cases: [string, unknown, { path: (string | number)[]; message: string }][] = [
    [
      "a bad phone number",
      { phones: [phone("12")] },
      { path: ["phones", 0, "phone_number"], message: "not a phone number" },
    ],
    [
      "a withheld placeholder as a number",
      { phones: [phone("anonymous")] },
      { path: ["phones", 0, "phone_number"], message: "not a phone number" },
    ],
    ["a bad email", { emails: [email("ada@")] }, { path: ["emails", 0, "email"], message: "not an email address" }],
    [
      "a name over 100 characters",
      { first_name: tooLong },
      { path: ["first_name"], message: "at most 100 characters" },
    ],
    [
      "a control character in a name",
      { last_name: "a\u0000b" },
      { path: ["last_name"], message: "control characters are not allowed" },
    ],
    [
      "a label over 50 characters",
      { phones: [phone("+15550001111", "l".repeat(51))] },
      { path: ["phones", 0, "label"], message: "at most 50 characters" },
    ],
    [
      "an unknown field",
      { first_name: "Ada", organization_id: "x" },
      { path: ["organization_id"], message: "unknown field" },
    ],
    [
      "is_preferred, which an import decides",
      { phones: [{ phone_number: "+15550001112", is_preferred: true }] },
      { path: ["phones", 0, "is_preferred"], message: "unknown field" },
    ],
    ["nothing to import", {}, { path: [], message: "give at least a name, a phone or an email" }],
    ["not an object", "Ada", { path: [], message: expect.any(String) as unknown as string }],
    [
      "the same number twice",
      { phones: [phone("+15550001113"), phone("(555) 000-1113")] },
      { path: ["phones", 1, "phone_number"], message: "listed twice" },
    ],
    [
      "21 phones",
      { phones: Array.from({ length: 21 }, (_, i) => phone(`+1555000${String(2000 + i)}`)) },
      { path: ["phones"], message: "at most 20 phones" },
    ],
  ];

  it.each(cases)("%s", async (_, row, issue) => {
    const good = { first_name: "Good", phones: [phone(freshNumber())] };
    const before = await tablesOf(t.organizationId);
    const answer = await importRows(t.key, [row, good]);
    expect(answer.rows[0]).toEqual({ row: 1, status: "failed", contact_id: null, errors: [issue] });
    expect(answer.rows[1]).toMatchObject({ row: 2, status: "created" });
    const after = await tablesOf(t.organizationId);
    // Only the good row's contact and phone were written.
    expect(after.contacts.length - before.contacts.length).toBe(1);
    expect(after.phones.length - before.phones.length).toBe(1);
    expect(after.emails).toEqual(before.emails);
  });

  it(`a row that would give a contact a ${MAX_ENTRIES_PER_CONTACT + 1}st phone fails, as every write path does`, async () => {
    const numbers = Array.from({ length: MAX_ENTRIES_PER_CONTACT }, () => freshNumber());
    const full = await createContact(t.key, { first_name: "Full", phones: numbers.map((n) => phone(n)) });
    const answer = await importRows(t.key, [
      { phones: [phone(numbers[0] as string), phone(freshNumber())], emails: [email(freshEmail())] },
    ]);
    expect(answer.rows[0]).toEqual({
      row: 1,
      status: "failed",
      contact_id: null,
      errors: [{ path: ["phones"], message: `a contact holds at most ${MAX_ENTRIES_PER_CONTACT} phones` }],
    });
    const after = await getContact(t.key, full.id);
    expect(after.phones).toHaveLength(MAX_ENTRIES_PER_CONTACT);
    expect(after.emails).toHaveLength(0);
  });
});

describe("dry run", () => {
  it("answers exactly what the import then does, and writes nothing (the tables compared)", async () => {
    const [number, address] = [freshNumber(), freshEmail()];
    const known = await createContact(t.key, { phones: [phone(number)] });
    const rows = [
      { first_name: "Named", phones: [phone(number)] },
      { first_name: "New", emails: [email(address)] },
      { last_name: "Same", emails: [email(address)] },
      { phones: [phone("nope")] },
      { phones: [phone(number)] },
    ];
    const before = await tablesOf(t.organizationId);
    const dry = await importRows(t.key, rows, { dry_run: true });
    expect(await tablesOf(t.organizationId)).toEqual(before);
    const real = await importRows(t.key, rows);
    expect(statuses(dry)).toEqual(["updated", "created", "updated", "failed", "unchanged"]);
    expect(statuses(real)).toEqual(statuses(dry));
    expect(dry.rows.map((r) => r.errors)).toEqual(real.rows.map((r) => r.errors));
    // A contact the dry run would create has no id yet; a known one has its own.
    expect(dry.rows.map((r) => r.contact_id)).toEqual([known.id, null, null, null, known.id]);
    expect(real.rows[1]?.contact_id).toEqual(expect.any(String));
    expect(real.rows[2]?.contact_id).toBe(real.rows[1]?.contact_id);
  });
});

describe("atomic rows", () => {
  /**
   * Makes the database refuse any phone insert of `number` with `message`, as it refuses a write a
   * concurrent request made wrong between the import's read and its write (a ring giving the
   * number to a stub; a contact filled up meanwhile).
   */
  async function refusing(number: string, message: string, run: () => Promise<void>) {
    const trigger = `refuse_${crypto.randomUUID().replaceAll("-", "")}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON contact_phone WHEN new.phone_number = '${number}'
       BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    ).run();
    try {
      await run();
    } finally {
      await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    }
  }

  const refusals = [
    [
      "a number given to another contact meanwhile",
      "UNIQUE constraint failed: contact_phone.organization_id, contact_phone.phone_number",
      /added to another contact during the import/,
    ],
    [
      "a contact filled up meanwhile",
      "entry cap exceeded: contact_phone",
      new RegExp(`at most ${MAX_ENTRIES_PER_CONTACT} phones`),
    ],
  ] as const;

  it.each(refusals)(
    "a row the database refuses (%s) fails alone; the rows written with it are written again",
    async (_, refusal, reason) => {
      const refused = freshNumber();
      const rows = Array.from({ length: 60 }, (_, i) => ({
        first_name: `Row ${i}`,
        phones: [phone(i === 7 ? refused : freshNumber())],
        emails: [email(freshEmail())],
      }));
      const before = await tablesOf(t.organizationId);
      await refusing(refused, refusal, async () => {
        const answer = await importRows(t.key, rows);
        expect(answer).toMatchObject({ created: 59, failed: 1 });
        expect(answer.rows[7]).toEqual({
          row: 8,
          status: "failed",
          contact_id: null,
          errors: [{ path: expect.any(Array), message: expect.stringMatching(reason) }],
        });
      });
      const after = await tablesOf(t.organizationId);
      expect(after.contacts.length - before.contacts.length).toBe(59);
      expect(after.emails.length - before.emails.length).toBe(59);
      // Nothing of the refused row: not its contact, not its email.
      expect(after.contacts.some((c) => c.first_name === "Row 7")).toBe(false);
      expect(after.emails.some((e) => e.email === rows[7]?.emails[0]?.email)).toBe(false);
    },
  );
});
