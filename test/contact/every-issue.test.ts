import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  createContact,
  expectError,
  expectStatus,
  freshEmail,
  freshNumber,
  NO_SUCH_ID,
  newTenant,
  send,
  type Tenant,
} from "../support/helpers";
import { importRows } from "../support/import-helpers";
import { sendWithBindings } from "../support/with-bindings";

/*
 * One answer holds every issue of a body (contract, Errors): a form with a bad phone and a bad
 * email learns of both at once, each at the exact path of its field, whichever rule found it
 * (a field's shape, a number read in the default country, a value listed twice, two preferred).
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

type Issue = { path: (string | number)[]; message: string };

/** The 400's issues, sorted by path, for comparison with a list in any order. */
async function issuesOf(res: Response): Promise<Issue[]> {
  const error = await expectError(res, 400, "validation_failed");
  return [...(error.issues ?? [])].sort((x, y) => JSON.stringify(x.path).localeCompare(JSON.stringify(y.path)));
}

const sorted = (issues: Issue[]) =>
  [...issues].sort((x, y) => JSON.stringify(x.path).localeCompare(JSON.stringify(y.path)));

const long = (n: number) => "x".repeat(n);

describe("POST /api/contacts", () => {
  it("a bad phone and a bad email are reported together, each at its own entry", async () => {
    const res = await send(a.key, "POST", "/api/contacts", {
      first_name: "Ada",
      phones: [{ phone_number: freshNumber() }, { phone_number: "12" }],
      emails: [{ email: "ada@" }, { email: freshEmail() }],
    });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["phones", 1, "phone_number"], message: "not a phone number" },
        { path: ["emails", 0, "email"], message: "not an email address" },
      ]),
    );
  });

  it("every kind of issue at once: names, labels, numbers, addresses, two preferred, a value twice", async () => {
    const number = freshNumber();
    const email = freshEmail();
    const res = await send(a.key, "POST", "/api/contacts", {
      first_name: long(101),
      last_name: "Love\u0007lace",
      phones: [
        { phone_number: number, is_preferred: true },
        { phone_number: "abc", label: long(51) },
        // The same number spelled as a US caller types it: listed twice once read.
        { phone_number: number.slice(2), is_preferred: true },
      ],
      emails: [{ email }, { email: email.toUpperCase() }, { email: "not-an-email", label: "Wo\nrk" }],
    });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["first_name"], message: "at most 100 characters" },
        { path: ["last_name"], message: "control characters are not allowed" },
        { path: ["phones", 1, "phone_number"], message: "not a phone number" },
        { path: ["phones", 1, "label"], message: "at most 50 characters" },
        { path: ["phones", 2, "is_preferred"], message: "only one can be preferred" },
        { path: ["phones", 2, "phone_number"], message: "listed twice" },
        { path: ["emails", 1, "email"], message: "listed twice" },
        { path: ["emails", 2, "email"], message: "not an email address" },
        { path: ["emails", 2, "label"], message: "control characters are not allowed" },
      ]),
    );
  });

  it("a bad number beside an unknown field and a wrong type: all three", async () => {
    const res = await send(a.key, "POST", "/api/contacts", {
      organization_id: "someone-else",
      phones: [{ phone_number: "12", is_preferred: "yes" }],
    });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["organization_id"], message: "unknown field" },
        { path: ["phones", 0, "phone_number"], message: "not a phone number" },
        { path: ["phones", 0, "is_preferred"], message: expect.any(String) as unknown as string },
      ]),
    );
  });

  it("a number too long is not also called not a phone number; two bad entries are not also listed twice", async () => {
    const res = await send(a.key, "POST", "/api/contacts", {
      phones: [{ phone_number: long(65) }, { phone_number: "12" }, { phone_number: "12" }],
    });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["phones", 0, "phone_number"], message: "at most 64 characters" },
        { path: ["phones", 1, "phone_number"], message: "not a phone number" },
        { path: ["phones", 2, "phone_number"], message: "not a phone number" },
      ]),
    );
  });

  it("numbers are read in the deployment's country while the other issues are found", async () => {
    const london = "020 7183 8750";
    const body = { first_name: long(101), phones: [{ phone_number: london }] };
    // In the US that is no number; in Great Britain it is one, and only the name is wrong.
    expect(
      await issuesOf(await sendWithBindings({ DEFAULT_PHONE_COUNTRY: "US" }, a.key, "POST", "/api/contacts", body)),
    ).toEqual(
      sorted([
        { path: ["first_name"], message: "at most 100 characters" },
        { path: ["phones", 0, "phone_number"], message: "not a phone number" },
      ]),
    );
    expect(
      await issuesOf(await sendWithBindings({ DEFAULT_PHONE_COUNTRY: "GB" }, a.key, "POST", "/api/contacts", body)),
    ).toEqual([{ path: ["first_name"], message: "at most 100 characters" }]);
    const created = await expectStatus(
      await sendWithBindings({ DEFAULT_PHONE_COUNTRY: "GB" }, a.key, "POST", "/api/contacts", {
        first_name: "London",
        phones: [{ phone_number: "020 7946 0123" }],
      }),
      201,
    );
    expect(created.phones[0].phone_number).toBe("+442079460123");
  });

  it("a number another contact holds is a 409 whose issue names the entry", async () => {
    const held = freshNumber();
    const holder = await createContact(a.key, { phones: [{ phone_number: held }] });
    const error = await expectError(
      await send(a.key, "POST", "/api/contacts", {
        phones: [{ phone_number: freshNumber() }, { phone_number: held }],
      }),
      409,
      "conflict",
    );
    expect(error.existing_contact_id).toBe(holder.id);
    expect(error.issues).toEqual([{ path: ["phones", 1, "phone_number"], message: "already belongs to a contact" }]);
  });

  it("without credentials it is a 401 whatever the body", async () => {
    await expectError(
      await send(anonymous, "POST", "/api/contacts", { phones: [{ phone_number: "12" }] }),
      401,
      "unauthenticated",
    );
  });
});

describe("the phone and email routes", () => {
  let contactId: string;
  let phoneId: string;
  let emailId: string;
  beforeAll(async () => {
    const contact = await createContact(a.key, {
      first_name: "Entries",
      phones: [{ phone_number: freshNumber() }],
      emails: [{ email: freshEmail() }],
    });
    contactId = contact.id;
    phoneId = contact.phones[0].id;
    emailId = contact.emails[0].id;
  });

  it("POST phones: a bad number and a bad label together", async () => {
    const res = await send(a.key, "POST", `/api/contacts/${contactId}/phones`, { phone_number: "12", label: long(51) });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["phone_number"], message: "not a phone number" },
        { path: ["label"], message: "at most 50 characters" },
      ]),
    );
  });

  it("PUT phones: a bad number, a bad label and an unknown field together", async () => {
    const res = await send(a.key, "PUT", `/api/contacts/${contactId}/phones/${phoneId}`, {
      phone_number: "anonymous",
      label: "Mo\u0000bile",
      contact_id: NO_SUCH_ID,
    });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["phone_number"], message: "not a phone number" },
        { path: ["label"], message: "control characters are not allowed" },
        { path: ["contact_id"], message: "unknown field" },
      ]),
    );
  });

  it("POST and PUT emails: a bad address and a bad label together", async () => {
    const expected = sorted([
      { path: ["email"], message: "not an email address" },
      { path: ["label"], message: "at most 50 characters" },
    ]);
    const body = { email: "ada@", label: long(51) };
    expect(await issuesOf(await send(a.key, "POST", `/api/contacts/${contactId}/emails`, body))).toEqual(expected);
    expect(await issuesOf(await send(a.key, "PUT", `/api/contacts/${contactId}/emails/${emailId}`, body))).toEqual(
      expected,
    );
  });

  it("a number another contact holds is a 409 whose issue names the field", async () => {
    const held = freshNumber();
    await createContact(a.key, { phones: [{ phone_number: held }] });
    const added = await expectError(
      await send(a.key, "POST", `/api/contacts/${contactId}/phones`, { phone_number: held }),
      409,
      "conflict",
    );
    expect(added.issues).toEqual([{ path: ["phone_number"], message: "already belongs to a contact" }]);
    const changed = await expectError(
      await send(a.key, "PUT", `/api/contacts/${contactId}/phones/${phoneId}`, { phone_number: held }),
      409,
      "conflict",
    );
    expect(changed.issues).toEqual([{ path: ["phone_number"], message: "already belongs to a contact" }]);
  });

  it("another organization's contact is a 404, its body being checked first", async () => {
    const other = await newTenant();
    const theirs = await createContact(other.key, { first_name: "Theirs" });
    await expectError(
      await send(a.key, "POST", `/api/contacts/${theirs.id}/phones`, { phone_number: freshNumber() }),
      404,
      "not_found",
    );
    // A bad body says what is wrong with it, and nothing about the contact.
    const error = await expectError(
      await send(a.key, "POST", `/api/contacts/${theirs.id}/phones`, { phone_number: "12", label: long(51) }),
      400,
      "validation_failed",
    );
    expect(error.issues).toHaveLength(2);
  });
});

describe("PUT /api/contacts/{id}", () => {
  it("both names wrong: both issues", async () => {
    const { id } = await createContact(a.key, { first_name: "Renamed" });
    const res = await send(a.key, "PUT", `/api/contacts/${id}`, { first_name: long(101), last_name: "a\u0007b" });
    expect(await issuesOf(res)).toEqual(
      sorted([
        { path: ["first_name"], message: "at most 100 characters" },
        { path: ["last_name"], message: "control characters are not allowed" },
      ]),
    );
  });
});

describe("an import row", () => {
  it("a failed row lists a bad phone and a bad email together", async () => {
    const answer = await importRows(a.key, [
      { first_name: "Row", phones: [{ phone_number: "12" }], emails: [{ email: "ada@" }] },
    ]);
    expect(answer.rows[0]?.status).toBe("failed");
    expect(sorted(answer.rows[0]?.errors ?? [])).toEqual(
      sorted([
        { path: ["phones", 0, "phone_number"], message: "not a phone number" },
        { path: ["emails", 0, "email"], message: "not an email address" },
      ]),
    );
  });
});
