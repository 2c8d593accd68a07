import { beforeAll, describe, expect, it } from "vitest";
import {
  expectError,
  expectIssue,
  freshEmail,
  freshNumber,
  getContact,
  newTenant,
  type Tenant,
} from "../support/helpers";
import { importCsv, sendCsv, statuses } from "../support/import-helpers";

/*
 * POST /api/contacts/import with a CSV body (contract, Data in and out): every dialect a
 * spreadsheet writes (RFC 4180 quoting, embedded newlines, CRLF, a BOM, semicolons), our columns
 * and Google Contacts' headers, columns read case-insensitively, others named in
 * `ignored_columns`, failed rows naming the CSV column to fix.
 */

let t: Tenant;

beforeAll(async () => {
  t = await newTenant();
});

const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

/** The contact a row of the answer names, read back. */
async function contactOf(answer: { rows: { contact_id: string | null }[] }, row = 1) {
  const id = answer.rows[row - 1]?.contact_id;
  expect(id).toEqual(expect.any(String));
  return getContact(t.key, id as string);
}

describe("CSV dialects", () => {
  it("reads RFC 4180 quoting: separators, doubled quotes and newlines inside quoted fields", async () => {
    const [a, b] = [freshNumber(), freshNumber()];
    const answer = await importCsv(
      t.key,
      csv(
        "first_name,last_name,phone,phone_label,notes",
        `"Ada","Lovelace, Countess",${a},"The ""work"" line","line one`,
        `line two, still the notes"`,
        `Charles,Babbage,${b},,plain`,
      ),
    );
    expect(statuses(answer)).toEqual(["created", "created"]);
    const ada = await contactOf(answer);
    expect(ada).toMatchObject({ first_name: "Ada", last_name: "Lovelace, Countess" });
    expect(ada.phones).toEqual([expect.objectContaining({ phone_number: a, label: 'The "work" line' })]);
    // The embedded newline did not start a row: the second row is Babbage, numbered 2.
    expect((await contactOf(answer, 2)).last_name).toBe("Babbage");
  });

  it("reads a semicolon-separated file, where commas are ordinary characters", async () => {
    const phone = freshNumber();
    const answer = await importCsv(t.key, csv("first_name;last_name;phone", `Grace;Hopper, Rear Admiral;${phone}`));
    expect(statuses(answer)).toEqual(["created"]);
    expect(await contactOf(answer)).toMatchObject({ first_name: "Grace", last_name: "Hopper, Rear Admiral" });
  });

  it("reads UTF-8 with a BOM: the first column is still first_name", async () => {
    const body = new TextEncoder().encode(`\uFEFF${csv("first_name,last_name,phone", `Kurt,Gödel,${freshNumber()}`)}`);
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const answer = await importCsv(t.key, body);
    expect(answer.ignored_columns).toEqual([]);
    expect(await contactOf(answer)).toMatchObject({ first_name: "Kurt", last_name: "Gödel" });
  });

  it("reads LF line ends, blank lines and a missing final newline", async () => {
    const answer = await importCsv(t.key, `first_name,phone\n\nAlan,${freshNumber()}\n\nEdsger,${freshNumber()}`);
    expect(statuses(answer)).toEqual(["created", "created"]);
  });

  it("reads column names in any case, with surrounding spaces", async () => {
    const email = freshEmail("radia");
    const answer = await importCsv(
      t.key,
      csv(" First_Name ,LAST_NAME,Email,EMAIL_LABEL", `Radia,Perlman,${email},Work`),
    );
    expect(answer.ignored_columns).toEqual([]);
    const radia = await contactOf(answer);
    expect(radia).toMatchObject({ first_name: "Radia", last_name: "Perlman" });
    expect(radia.emails).toEqual([expect.objectContaining({ email, label: "Work" })]);
  });

  it("takes a text/csv content type with a charset", async () => {
    const res = await sendCsv(t.key, csv("first_name", "Frances"), "", "text/csv; charset=utf-8");
    expect(res.status).toBe(200);
  });

  it("refuses what is not CSV as RFC 4180 writes it (an unclosed quote) with a 400, writing nothing", async () => {
    const phone = freshNumber();
    const error = await expectError(
      await sendCsv(t.key, csv("first_name,phone", `"Ada,${phone}`)),
      400,
      "validation_failed",
    );
    expect(error.message).toMatch(/CSV/);
  });
});

describe("columns", () => {
  it("reads numbered entries (phone_2, email_2_label, …) in order, the first one preferred", async () => {
    const [p1, p2, p3] = [freshNumber(), freshNumber(), freshNumber()];
    const [e1, e2] = [freshEmail(), freshEmail()];
    const answer = await importCsv(
      t.key,
      csv(
        "first_name,phone,phone_label,phone_2,phone_2_label,phone_3,email,email_2,email_2_label",
        `Barbara,${p1},Mobile,${p2},Work,${p3},${e1},${e2},Home`,
      ),
    );
    const barbara = await contactOf(answer);
    expect(barbara.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([p1, p2, p3]);
    expect(barbara.phones.map((p: { label: string | null }) => p.label)).toEqual(["Mobile", "Work", null]);
    expect(barbara.phones.map((p: { is_preferred: boolean }) => p.is_preferred)).toEqual([true, false, false]);
    expect(barbara.emails.map((e: { email: string; label: string | null }) => [e.email, e.label])).toEqual([
      [e1, null],
      [e2, "Home"],
    ]);
  });

  it("names the columns it does not read in ignored_columns, as written", async () => {
    const answer = await importCsv(t.key, csv("id,First_Name,Notes,phone,Birthday", `x,Tim,hi,${freshNumber()},1955`));
    expect(answer.ignored_columns).toEqual(["id", "Notes", "Birthday"]);
    expect(statuses(answer)).toEqual(["created"]);
  });

  it("reads Google Contacts' export: names, Phone/E-mail N - Value and Label, several values in one cell", async () => {
    const [mobile, home, work] = [freshNumber(), freshNumber(), freshNumber()];
    const email = freshEmail("katherine");
    const header =
      "First Name,Middle Name,Last Name,Nickname,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value," +
      "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value";
    const answer = await importCsv(
      t.key,
      csv(header, `Katherine,G.,Johnson,Kat,,* myContacts,* Work,${email},Mobile,${mobile} ::: ${home},Work,${work}`),
    );
    expect(answer.ignored_columns).toEqual(["Middle Name", "Nickname", "Notes", "Labels"]);
    const katherine = await contactOf(answer);
    expect(katherine).toMatchObject({ first_name: "Katherine", last_name: "Johnson" });
    expect(katherine.phones.map((p: { phone_number: string; label: string }) => [p.phone_number, p.label])).toEqual([
      [mobile, "Mobile"],
      [home, "Mobile"],
      [work, "Work"],
    ]);
    expect(katherine.emails).toEqual([expect.objectContaining({ email, label: "* Work" })]);
  });

  it("reads Google's older export: Given Name, Family Name, Phone 1 - Type", async () => {
    const phone = freshNumber();
    const answer = await importCsv(
      t.key,
      csv(
        "Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value",
        `Shafi Goldwasser,Shafi,Goldwasser,Home,${phone}`,
      ),
    );
    expect(answer.ignored_columns).toEqual(["Name"]);
    const shafi = await contactOf(answer);
    expect(shafi).toMatchObject({ first_name: "Shafi", last_name: "Goldwasser" });
    expect(shafi.phones).toEqual([expect.objectContaining({ phone_number: phone, label: "Home" })]);
  });

  it("refuses two columns giving the same field (a 400 naming them)", async () => {
    const res = await sendCsv(t.key, csv("first_name,Given Name", "Ada,Ada"));
    const error = await expectIssue(res, ["Given Name"]);
    expect(error.message).toMatch(/first_name.*Given Name/);
  });

  it("a failed row names the CSV column to fix, not a JSON path", async () => {
    const answer = await importCsv(
      t.key,
      csv("first_name,phone,phone_2,email", `Ada,${freshNumber()},not a number,${freshEmail()}`, `Bob,,,nope`),
    );
    expect(statuses(answer)).toEqual(["failed", "failed"]);
    expect(answer.rows[0]?.errors).toEqual([{ path: ["phone_2"], message: "not a phone number" }]);
    expect(answer.rows[1]?.errors).toEqual([{ path: ["email"], message: "not an email address" }]);
  });

  it("a row with more cells than the header fails, naming both counts", async () => {
    const answer = await importCsv(t.key, csv("first_name,phone", `Ada,${freshNumber()},surplus`));
    expect(answer.rows[0]).toMatchObject({
      status: "failed",
      errors: [{ path: [], message: "3 cells where the header has 2" }],
    });
  });

  it("a row with fewer cells than the header reads the missing ones as empty", async () => {
    const answer = await importCsv(t.key, csv("first_name,last_name,phone", "Ken"));
    expect(statuses(answer)).toEqual(["created"]);
  });
});

describe("rows", () => {
  it("numbers rows from 1 for the first line after the header", async () => {
    const answer = await importCsv(t.key, csv("first_name,email", "Ada,bad", `Bob,${freshEmail()}`));
    expect(answer.rows.map((r) => [r.row, r.status])).toEqual([
      [1, "failed"],
      [2, "created"],
    ]);
  });

  it("a header without rows is a 400", async () => {
    await expectIssue(await sendCsv(t.key, csv("first_name,phone")), []);
  });

  it("501 rows are a 400: larger files are imported in chunks", async () => {
    const lines = Array.from({ length: 501 }, (_, i) => `Person ${i}`);
    const error = await expectIssue(await sendCsv(t.key, csv("first_name", ...lines)), []);
    expect(error.message).toMatch(/at most 500 rows/);
  });

  it("takes ?dry_run=true and writes nothing", async () => {
    const phone = freshNumber();
    const answer = await importCsv(t.key, csv("first_name,phone", `Dry,${phone}`), "?dry_run=true");
    expect(answer.rows).toEqual([{ row: 1, status: "created", contact_id: null, errors: [] }]);
    const again = await importCsv(t.key, csv("first_name,phone", `Dry,${phone}`));
    expect(statuses(again)).toEqual(["created"]);
  });

  it("?dry_run= other than true or false is a 400", async () => {
    await expectIssue(await sendCsv(t.key, csv("first_name", "Ada"), "?dry_run=yes"), ["dry_run"]);
  });
});
