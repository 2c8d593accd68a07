import { describe, expect, it } from "vitest";
import { anonymous, BASE, createContact, expectError, expectJson, newTenant, request, send, type Caller, type Tenant, NO_SUCH_ID } from "./helpers";

/*
 * The phone and email sub-routes of a contact: /api/contacts/{id}/phones[/{phone_id}] and
 * /api/contacts/{id}/emails[/{email_id}]. Phones and emails follow the same rules, so most cases
 * run for both kinds.
 */

interface Kind {
  plural: "phones" | "emails";
  field: "phone_number" | "email";
  /** A distinct valid value, as stored. */
  value(i: number): string;
  /** The same value as another caller might type it. */
  otherFormat(stored: string): string;
}

const phones: Kind = {
  plural: "phones",
  field: "phone_number",
  value: (i) => `+1415555${String(1000 + i)}`,
  // +14155551001 → "(415) 555-1001"
  otherFormat: (e164) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`,
};

const emails: Kind = {
  plural: "emails",
  field: "email",
  value: (i) => `person${i}@example.com`,
  otherFormat: (email) => `  ${email.toUpperCase()} `,
};

const kinds = [phones, emails];


const contactPath = (contactId: string) => `/api/contacts/${contactId}`;
const entriesPath = (kind: Kind, contactId: string) => `${contactPath(contactId)}/${kind.plural}`;
const entryPath = (kind: Kind, contactId: string, entryId: string) => `${entriesPath(kind, contactId)}/${entryId}`;

const getContact = (caller: Caller, contactId: string) => expectJson(caller, "GET", contactPath(contactId), undefined, 200);

async function add(caller: Caller, kind: Kind, contactId: string, value: string, extra: Record<string, unknown> = {}) {
  return expectJson(caller, "POST", entriesPath(kind, contactId), { [kind.field]: value, ...extra }, 201);
}

/** Reads the contact back and checks that exactly one entry of the kind is preferred, the expected one. */
async function expectPreferred(caller: Caller, kind: Kind, contactId: string, preferredId: string) {
  const contact = await getContact(caller, contactId);
  const preferred = contact[kind.plural].filter((e: { is_preferred: boolean }) => e.is_preferred);
  expect(preferred.map((e: { id: string }) => e.id)).toEqual([preferredId]);
  return contact;
}

/** A contact with a name only, so it has no phones or emails yet. */
const newContact = (t: Tenant, first_name = "Ada") => createContact(t.key, { first_name });

async function search(caller: Caller, q: string): Promise<string[]> {
  const page = await expectJson(caller, "GET", `/api/contacts?q=${encodeURIComponent(q)}`, undefined, 200);
  return page.data.map((c: { id: string }) => c.id);
}

/** A request with a raw body, for what `send` cannot express. */
const raw = (caller: Caller, method: string, path: string, body: string, contentType: string) =>
  request(path, { method, headers: { origin: BASE, ...caller.headers, "content-type": contentType }, body });

/** A 404 must not tell a foreign id from one that never existed. */
async function expectNotFound(res: Response) {
  const error = await expectError(res, 404, "not_found");
  expect(error.existing_contact_id).toBeUndefined();
  expect(error.issues).toBeUndefined();
  return error;
}

describe("phones: happy paths", () => {
  it("a US number without + is read in the default country and stored in E.164", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await add(t.key, phones, c.id, "(415) 555-2671");
    expect(phone).toEqual({ id: expect.any(String), phone_number: "+14155552671", label: null, is_preferred: true, created_at: expect.any(String) });
    expect(new Date(phone.created_at).toISOString()).toBe(phone.created_at);
    expect((await getContact(t.key, c.id)).phones).toEqual([phone]);
  });

  it("an international number is stored in E.164", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await add(t.owner, phones, c.id, "+44 20 7183 8750", { label: "London" });
    expect(phone).toMatchObject({ phone_number: "+442071838750", label: "London", is_preferred: true });
  });

  it("the seed's +15551234567, possible but not valid, is accepted", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    expect((await add(t.key, phones, c.id, "+15551234567")).phone_number).toBe("+15551234567");
  });

  it("a phone can be added with a bearer API key", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectJson({ headers: { authorization: `Bearer ${t.apiKey}` } }, "POST", entriesPath(phones, c.id), { phone_number: "+1 415 555 2672" }, 201);
    expect(phone.phone_number).toBe("+14155552672");
  });

  it("updating a phone's number normalizes it and keeps its label and preference", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await add(t.key, phones, c.id, "+14155552671", { label: "Mobile" });
    const updated = await expectJson(t.key, "PUT", entryPath(phones, c.id, phone.id), { phone_number: "(415) 555-2699" }, 200);
    expect(updated).toEqual({ ...phone, phone_number: "+14155552699" });
    expect((await getContact(t.key, c.id)).phones).toEqual([updated]);
  });
});

describe("emails: happy paths", () => {
  it("an email is trimmed and lowercased, with source manual", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await add(t.key, emails, c.id, "  Ada.Lovelace@Example.COM ");
    expect(email).toEqual({ id: expect.any(String), email: "ada.lovelace@example.com", label: null, is_preferred: true, source: "manual", created_at: expect.any(String) });
    expect((await getContact(t.key, c.id)).emails).toEqual([email]);
  });

  it("updating an email's address normalizes it and keeps its label and preference", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await add(t.key, emails, c.id, "ada@example.com", { label: "Work" });
    const updated = await expectJson(t.key, "PUT", entryPath(emails, c.id, email.id), { email: "Countess@Example.org" }, 200);
    expect(updated).toEqual({ ...email, email: "countess@example.org" });
    expect((await getContact(t.key, c.id)).emails).toEqual([updated]);
  });
});

describe.each(kinds)("$plural: labels, update, delete", (kind) => {
  it("a label is trimmed; null and an empty label are stored as null", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    expect((await add(t.key, kind, c.id, kind.value(1), { label: "  Work  " })).label).toBe("Work");
    expect((await add(t.key, kind, c.id, kind.value(2), { label: null })).label).toBeNull();
    expect((await add(t.key, kind, c.id, kind.value(3), { label: "" })).label).toBeNull();
    expect((await add(t.key, kind, c.id, kind.value(4), { label: "x".repeat(50) })).label).toBe("x".repeat(50));
    const labels = (await getContact(t.key, c.id))[kind.plural].map((e: { label: string | null }) => e.label);
    expect(labels).toEqual(["Work", null, null, "x".repeat(50)]);
  });

  it("a label is set, changed and cleared (null and empty string) by PUT, leaving the value alone", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    const path = entryPath(kind, c.id, entry.id);
    expect(await expectJson(t.key, "PUT", path, { label: "Home" }, 200)).toEqual({ ...entry, label: "Home" });
    expect(await expectJson(t.key, "PUT", path, { label: null }, 200)).toEqual({ ...entry, label: null });
    await expectJson(t.key, "PUT", path, { label: "Work" }, 200);
    expect(await expectJson(t.key, "PUT", path, { label: "" }, 200)).toEqual({ ...entry, label: null });
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([{ ...entry, label: null }]);
  });

  it("the value and the label change together", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1), { label: "Old" });
    const updated = await expectJson(t.key, "PUT", entryPath(kind, c.id, entry.id), { [kind.field]: kind.value(2), label: "New" }, 200);
    expect(updated).toEqual({ ...entry, [kind.field]: kind.value(2), label: "New" });
  });

  it("putting the entry's own value again (in another format) is not a conflict", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    const updated = await expectJson(t.key, "PUT", entryPath(kind, c.id, entry.id), { [kind.field]: kind.otherFormat(kind.value(1)) }, 200);
    expect(updated).toEqual(entry);
  });

  it("delete answers 204 with no body and the entry is gone; a second delete is a 404", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const keep = await add(t.key, kind, c.id, kind.value(1));
    const gone = await add(t.key, kind, c.id, kind.value(2));
    const res = await send(t.key, "DELETE", entryPath(kind, c.id, gone.id));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([keep]);
    await expectNotFound(await send(t.key, "DELETE", entryPath(kind, c.id, gone.id)));
    await expectNotFound(await send(t.key, "PUT", entryPath(kind, c.id, gone.id), { label: "x" }));
  });

  it("the value of a deleted entry can be added again", async () => {
    const t = await newTenant();
    const a = await newContact(t, "A");
    const b = await newContact(t, "B");
    const entry = await add(t.key, kind, a.id, kind.value(1));
    expect((await send(t.key, "DELETE", entryPath(kind, a.id, entry.id))).status).toBe(204);
    await add(t.key, kind, b.id, kind.value(1));
  });

  it("deleting the only entry leaves the contact with none", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    expect((await send(t.key, "DELETE", entryPath(kind, c.id, entry.id))).status).toBe(204);
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([]);
    // And the next one added is preferred again.
    const next = await add(t.key, kind, c.id, kind.value(2));
    expect(next.is_preferred).toBe(true);
  });
});

describe.each(kinds)("$plural: exactly one preferred", (kind) => {
  it("the first one added becomes preferred, later ones do not", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1));
    expect(first.is_preferred).toBe(true);
    await expectPreferred(t.key, kind, c.id, first.id);
    const second = await add(t.key, kind, c.id, kind.value(2));
    expect(second.is_preferred).toBe(false);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("the first one added becomes preferred even when sent with is_preferred false", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1), { is_preferred: false });
    expect(first.is_preferred).toBe(true);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("adding one with is_preferred true un-prefers the others", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1));
    await add(t.key, kind, c.id, kind.value(2));
    const third = await add(t.key, kind, c.id, kind.value(3), { is_preferred: true });
    expect(third.is_preferred).toBe(true);
    const contact = await expectPreferred(t.key, kind, c.id, third.id);
    expect(contact[kind.plural].find((e: { id: string }) => e.id === first.id).is_preferred).toBe(false);
  });

  it("PUT is_preferred true un-prefers the others", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1));
    const second = await add(t.key, kind, c.id, kind.value(2));
    await add(t.key, kind, c.id, kind.value(3));
    const updated = await expectJson(t.key, "PUT", entryPath(kind, c.id, second.id), { is_preferred: true }, 200);
    expect(updated).toEqual({ ...second, is_preferred: true });
    await expectPreferred(t.key, kind, c.id, second.id);
    // Preferring the preferred one again changes nothing.
    await expectJson(t.key, "PUT", entryPath(kind, c.id, second.id), { is_preferred: true }, 200);
    await expectPreferred(t.key, kind, c.id, second.id);
    await expectJson(t.key, "PUT", entryPath(kind, c.id, first.id), { is_preferred: true }, 200);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("un-preferring the preferred one makes the oldest remaining one preferred", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1));
    const second = await add(t.key, kind, c.id, kind.value(2));
    const third = await add(t.key, kind, c.id, kind.value(3), { is_preferred: true });
    await expectPreferred(t.key, kind, c.id, third.id);

    const unpreferred = await expectJson(t.key, "PUT", entryPath(kind, c.id, third.id), { is_preferred: false }, 200);
    expect(unpreferred.is_preferred).toBe(false);
    await expectPreferred(t.key, kind, c.id, first.id);

    // The oldest one itself un-preferred: the preference passes to the oldest *other* one.
    await expectJson(t.key, "PUT", entryPath(kind, c.id, first.id), { is_preferred: false }, 200);
    await expectPreferred(t.key, kind, c.id, second.id);
  });

  it("un-preferring one that is not preferred changes nothing", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1));
    const second = await add(t.key, kind, c.id, kind.value(2));
    const same = await expectJson(t.key, "PUT", entryPath(kind, c.id, second.id), { is_preferred: false }, 200);
    expect(same).toEqual(second);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("deleting the preferred one makes the oldest remaining one preferred", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await add(t.key, kind, c.id, kind.value(1));
    const second = await add(t.key, kind, c.id, kind.value(2));
    const third = await add(t.key, kind, c.id, kind.value(3));
    const fourth = await add(t.key, kind, c.id, kind.value(4), { is_preferred: true });

    expect((await send(t.key, "DELETE", entryPath(kind, c.id, fourth.id))).status).toBe(204);
    await expectPreferred(t.key, kind, c.id, first.id);

    expect((await send(t.key, "DELETE", entryPath(kind, c.id, first.id))).status).toBe(204);
    await expectPreferred(t.key, kind, c.id, second.id);

    // Deleting one that is not preferred leaves the preference where it is.
    expect((await send(t.key, "DELETE", entryPath(kind, c.id, third.id))).status).toBe(204);
    await expectPreferred(t.key, kind, c.id, second.id);
  });

  it("un-preferring the only one is a 400 and changes nothing", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const only = await add(t.key, kind, c.id, kind.value(1), { label: "Only" });
    const error = await expectError(await send(t.key, "PUT", entryPath(kind, c.id, only.id), { is_preferred: false, label: "Changed" }), 400, "validation_failed");
    expect(error.issues?.map((i) => i.path)).toEqual([["is_preferred"]]);
    const contact = await expectPreferred(t.key, kind, c.id, only.id);
    expect(contact[kind.plural]).toEqual([only]);
  });

  it("a contact created with several keeps exactly one preferred through adds, updates and deletes", async () => {
    const t = await newTenant();
    const c = await createContact(t.key, { first_name: "Ada", [kind.plural]: [{ [kind.field]: kind.value(1) }, { [kind.field]: kind.value(2), is_preferred: true }] });
    const [first, second] = c[kind.plural];
    await expectPreferred(t.key, kind, c.id, second.id);
    const third = await add(t.key, kind, c.id, kind.value(3));
    await expectPreferred(t.key, kind, c.id, second.id);
    await expectJson(t.key, "PUT", entryPath(kind, c.id, third.id), { is_preferred: true }, 200);
    await expectPreferred(t.key, kind, c.id, third.id);
    await expectJson(t.key, "PUT", entryPath(kind, c.id, third.id), { is_preferred: false }, 200);
    await expectPreferred(t.key, kind, c.id, first.id);
    expect((await send(t.key, "DELETE", entryPath(kind, c.id, first.id))).status).toBe(204);
    await expectPreferred(t.key, kind, c.id, second.id);
  });

  it("10 parallel adds of different values keep exactly one preferred", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(i) })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const contact = await getContact(t.key, c.id);
    expect(contact[kind.plural]).toHaveLength(10);
    expect(contact[kind.plural].filter((e: { is_preferred: boolean }) => e.is_preferred)).toHaveLength(1);
  });
});

describe("phones: validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["phone_number of the wrong type", { phone_number: 14155552671 }, "phone_number"],
    ["phone_number null", { phone_number: null }, "phone_number"],
    ["a missing phone_number", { label: "Mobile" }, "phone_number"],
    ["an empty phone_number", { phone_number: "" }, "phone_number"],
    ["a phone_number over 64 characters", { phone_number: "1".repeat(65) }, "phone_number"],
    ["a phone_number with a control character", { phone_number: "+1 415\u0000555 2671" }, "phone_number"],
    ["the too-short number 12", { phone_number: "12" }, "phone_number"],
    ["text that is not a number", { phone_number: "not a number" }, "phone_number"],
    ["the withheld word anonymous", { phone_number: "anonymous" }, "phone_number"],
    ["the withheld placeholder +266696687", { phone_number: "+266696687" }, "phone_number"],
    ["a label of the wrong type", { phone_number: "+14155552671", label: 7 }, "label"],
    ["a label over 50 characters", { phone_number: "+14155552671", label: "x".repeat(51) }, "label"],
    ["a label with a control character", { phone_number: "+14155552671", label: "Mo\u0007bile" }, "label"],
    ["is_preferred of the wrong type", { phone_number: "+14155552671", is_preferred: "yes" }, "is_preferred"],
    ["an unknown field contact_id", { phone_number: "+14155552671", contact_id: NO_SUCH_ID }, "contact_id"],
    ["an unknown field id", { phone_number: "+14155552671", id: NO_SUCH_ID }, "id"],
    ["an unknown field organization_id", { phone_number: "+14155552671", organization_id: "x" }, "organization_id"],
  ];

  it.each(cases)("POST with %s is a 400 at that field", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const error = await expectError(await send(t.key, "POST", entriesPath(phones, c.id), body), 400, "validation_failed");
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect(error.message).toContain(field);
    expect((await getContact(t.key, c.id)).phones).toEqual([]);
  });

  const updates: [string, Record<string, unknown>, string][] = [
    ["phone_number of the wrong type", { phone_number: 14155552671 }, "phone_number"],
    ["a phone_number over 64 characters", { phone_number: "1".repeat(65) }, "phone_number"],
    ["a phone_number with a control character", { phone_number: "+1 415\u0007555 2671" }, "phone_number"],
    ["an invalid number", { phone_number: "12" }, "phone_number"],
    ["the withheld placeholder +266696687", { phone_number: "+266696687" }, "phone_number"],
    ["the withheld word anonymous", { phone_number: "anonymous" }, "phone_number"],
    ["a label over 50 characters", { label: "x".repeat(51) }, "label"],
    ["a label with a control character", { label: "a\u001bb" }, "label"],
    ["is_preferred null", { is_preferred: null }, "is_preferred"],
    ["an unknown field id", { id: NO_SUCH_ID }, "id"],
    ["an unknown field contact_id beside a known one", { label: "x", contact_id: NO_SUCH_ID }, "contact_id"],
  ];

  it.each(updates)("PUT with %s is a 400 at that field and changes nothing", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await add(t.key, phones, c.id, "+14155552671", { label: "Mobile" });
    const error = await expectError(await send(t.key, "PUT", entryPath(phones, c.id, phone.id), body), 400, "validation_failed");
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect((await getContact(t.key, c.id)).phones).toEqual([phone]);
  });
});

describe("emails: validation", () => {
  /** A valid-looking address of `length` characters (a 64-character local part, 60-character labels). */
  const emailOf = (length: number) => `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(length - 252)}.com`;
  const longEmail = emailOf(255);
  const cases: [string, Record<string, unknown>, string][] = [
    ["email of the wrong type", { email: 42 }, "email"],
    ["email null", { email: null }, "email"],
    ["a missing email", { label: "Work" }, "email"],
    ["an empty email", { email: "" }, "email"],
    ["an email over 254 characters", { email: longEmail }, "email"],
    ["an email with a control character", { email: "ada\u0000@example.com" }, "email"],
    ["an address without @", { email: "ada.example.com" }, "email"],
    ["an address without a domain", { email: "ada@" }, "email"],
    ["an address with a space", { email: "ada lovelace@example.com" }, "email"],
    ["a label of the wrong type", { email: "ada@example.com", label: ["Work"] }, "label"],
    ["a label over 50 characters", { email: "ada@example.com", label: "x".repeat(51) }, "label"],
    ["a label with a control character", { email: "ada@example.com", label: "Wo\nrk" }, "label"],
    ["is_preferred of the wrong type", { email: "ada@example.com", is_preferred: 1 }, "is_preferred"],
    ["an unknown field contact_id", { email: "ada@example.com", contact_id: NO_SUCH_ID }, "contact_id"],
    ["an unknown field id", { email: "ada@example.com", id: NO_SUCH_ID }, "id"],
    ["an unknown field source (only enrichment sets it)", { email: "ada@example.com", source: "enrichment" }, "source"],
  ];

  it("an address of exactly 254 characters is accepted, 255 is a 400 for its length", async () => {
    expect(emailOf(254)).toHaveLength(254);
    expect(longEmail).toHaveLength(255);
    const t = await newTenant();
    const c = await newContact(t);
    expect((await add(t.key, emails, c.id, emailOf(254).toUpperCase())).email).toBe(emailOf(254));
    const error = await expectError(await send(t.key, "POST", entriesPath(emails, c.id), { email: longEmail }), 400, "validation_failed");
    expect(error.issues).toEqual([{ path: ["email"], message: "at most 254 characters" }]);
  });

  it.each(cases)("POST with %s is a 400 at that field", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const error = await expectError(await send(t.key, "POST", entriesPath(emails, c.id), body), 400, "validation_failed");
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect(error.message).toContain(field);
    expect((await getContact(t.key, c.id)).emails).toEqual([]);
  });

  const updates: [string, Record<string, unknown>, string][] = [
    ["email of the wrong type", { email: false }, "email"],
    ["an invalid address", { email: "not an email" }, "email"],
    ["an email over 254 characters", { email: longEmail }, "email"],
    ["a label over 50 characters", { label: "x".repeat(51) }, "label"],
    ["is_preferred of the wrong type", { is_preferred: "true" }, "is_preferred"],
    ["an unknown field source", { source: "enrichment" }, "source"],
    ["an unknown field created_at", { created_at: "2026-11-23T21:00:00.000Z" }, "created_at"],
  ];

  it.each(updates)("PUT with %s is a 400 at that field and changes nothing", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await add(t.key, emails, c.id, "ada@example.com", { label: "Work" });
    const error = await expectError(await send(t.key, "PUT", entryPath(emails, c.id, email.id), body), 400, "validation_failed");
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect((await getContact(t.key, c.id)).emails).toEqual([email]);
  });
});

describe.each(kinds)("$plural: request bodies", (kind) => {
  it("PUT with {} is a 400", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    await expectError(await send(t.key, "PUT", entryPath(kind, c.id, entry.id), {}), 400, "validation_failed");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a body that is not a JSON object is a 400", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), [kind.value(1)]), 400, "validation_failed");
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), kind.value(1)), 400, "validation_failed");
  });

  it("malformed JSON is a 400, on POST and on PUT", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    await expectError(await raw(t.key, "POST", entriesPath(kind, c.id), `{"${kind.field}": "${kind.value(2)}"`, "application/json"), 400, "validation_failed");
    await expectError(await raw(t.key, "PUT", entryPath(kind, c.id, entry.id), "{label: 'x'}", "application/json"), 400, "validation_failed");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a POST or PUT without a body is a 400", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    await expectError(await raw(t.key, "POST", entriesPath(kind, c.id), "", "application/json"), 400, "validation_failed");
    await expectError(await raw(t.key, "PUT", entryPath(kind, c.id, entry.id), "", "application/json"), 400, "validation_failed");
  });

  it("text/plain is a 415, on POST and on PUT", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    const body = JSON.stringify({ [kind.field]: kind.value(2) });
    await expectError(await raw(t.key, "POST", entriesPath(kind, c.id), body, "text/plain"), 415, "unsupported_media_type");
    await expectError(await raw(t.key, "PUT", entryPath(kind, c.id, entry.id), JSON.stringify({ label: "x" }), "text/plain"), 415, "unsupported_media_type");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a body without a content-type is a 415", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const res = await request(entriesPath(kind, c.id), { method: "POST", headers: { origin: BASE, ...t.key.headers }, body: JSON.stringify({ [kind.field]: kind.value(1) }) });
    await expectError(res, 415, "unsupported_media_type");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([]);
  });

  it("application/json with a charset is accepted", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const res = await raw(t.key, "POST", entriesPath(kind, c.id), JSON.stringify({ [kind.field]: kind.value(1), label: "Zürich ☎" }), "application/json; charset=utf-8");
    expect(await res.json()).toMatchObject({ [kind.field]: kind.value(1), label: "Zürich ☎" });
  });

  it("a body over 64 KiB is a 413", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    const big = { [kind.field]: kind.value(2), label: "x".repeat(65 * 1024) };
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), big), 413, "payload_too_large");
    await expectError(await send(t.key, "PUT", entryPath(kind, c.id, entry.id), { label: "x".repeat(65 * 1024) }), 413, "payload_too_large");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("an id in the path that is not a UUID is a 400, never a 500", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    await expectError(await send(t.key, "POST", entriesPath(kind, "not-a-uuid"), { [kind.field]: kind.value(1) }), 400, "validation_failed");
    await expectError(await send(t.key, "PUT", entryPath(kind, c.id, "not-a-uuid"), { label: "x" }), 400, "validation_failed");
    await expectError(await send(t.key, "DELETE", entryPath(kind, c.id, "not-a-uuid")), 400, "validation_failed");
  });
});

describe.each(kinds)("$plural: one owner per organization", (kind) => {
  it("adding a value another contact holds (in any format) is a 409 with existing_contact_id", async () => {
    const t = await newTenant();
    const holder = await newContact(t, "Holder");
    const other = await newContact(t, "Other");
    const held = await add(t.key, kind, holder.id, kind.value(1));
    for (const value of [kind.value(1), kind.otherFormat(kind.value(1))]) {
      const error = await expectError(await send(t.key, "POST", entriesPath(kind, other.id), { [kind.field]: value }), 409, "conflict");
      expect(error.existing_contact_id).toBe(holder.id);
    }
    expect((await getContact(t.key, other.id))[kind.plural]).toEqual([]);
    expect((await getContact(t.key, holder.id))[kind.plural]).toEqual([held]);
  });

  it("changing a value to one another contact holds (in any format) is a 409 with existing_contact_id", async () => {
    const t = await newTenant();
    const holder = await newContact(t, "Holder");
    const other = await newContact(t, "Other");
    await add(t.key, kind, holder.id, kind.value(1));
    const mine = await add(t.key, kind, other.id, kind.value(2), { label: "Mine" });
    for (const value of [kind.value(1), kind.otherFormat(kind.value(1))]) {
      const error = await expectError(await send(t.key, "PUT", entryPath(kind, other.id, mine.id), { [kind.field]: value, label: "Stolen" }), 409, "conflict");
      expect(error.existing_contact_id).toBe(holder.id);
    }
    expect((await getContact(t.key, other.id))[kind.plural]).toEqual([mine]);
  });

  it("a PUT that conflicts changes nothing, not even the preference it asked for", async () => {
    const t = await newTenant();
    const holder = await newContact(t, "Holder");
    const other = await newContact(t, "Other");
    await add(t.key, kind, holder.id, kind.value(1));
    const first = await add(t.key, kind, other.id, kind.value(2));
    const second = await add(t.key, kind, other.id, kind.value(3), { label: "Second" });
    const error = await expectError(await send(t.key, "PUT", entryPath(kind, other.id, second.id), { [kind.field]: kind.value(1), label: "x", is_preferred: true }), 409, "conflict");
    expect(error.existing_contact_id).toBe(holder.id);
    expect((await expectPreferred(t.key, kind, other.id, first.id))[kind.plural]).toEqual([first, second]);
  });

  it("adding a value the same contact already holds is a 409 naming that contact", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const held = await add(t.key, kind, c.id, kind.value(1));
    const error = await expectError(await send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.otherFormat(kind.value(1)), is_preferred: true }), 409, "conflict");
    expect(error.existing_contact_id).toBe(c.id);
    // The failed add did not take the preference away: the batch is all or nothing.
    expect((await expectPreferred(t.key, kind, c.id, held.id))[kind.plural]).toEqual([held]);
  });

  it("the same value in another organization is accepted", async () => {
    const t = await newTenant();
    const u = await newTenant();
    const mine = await newContact(t);
    const theirs = await newContact(u);
    await add(t.key, kind, mine.id, kind.value(1));
    const entry = await add(u.key, kind, theirs.id, kind.otherFormat(kind.value(1)));
    expect(entry[kind.field]).toBe(kind.value(1));
    // And changing a value to one held in another organization too.
    const second = await add(t.key, kind, mine.id, kind.value(2));
    await expectJson(u.key, "PUT", entryPath(kind, theirs.id, entry.id), { [kind.field]: kind.value(2) }, 200);
    expect((await getContact(t.key, mine.id))[kind.plural].map((e: Record<string, string>) => e[kind.field])).toEqual([kind.value(1), second[kind.field]]);
  });

  it("10 parallel adds of the same new value to one contact: one 201, the others 409, one preferred", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(7) })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    for (const res of results.filter((r) => r.status === 409)) {
      expect((await expectError(res, 409, "conflict")).existing_contact_id).toBe(c.id);
    }
    const created = await results.find((r) => r.status === 201)!.json<{ id: string }>();
    const contact = await expectPreferred(t.key, kind, c.id, created.id);
    expect(contact[kind.plural]).toHaveLength(1);
  });
});

describe.each(kinds)("$plural: tenancy", (kind) => {
  async function twoOrganizations() {
    const t = await newTenant();
    const u = await newTenant();
    const mine = await newContact(t, "Mine");
    const theirs = await createContact(u.key, { first_name: "Theirs", [kind.plural]: [{ [kind.field]: kind.value(9), label: "Theirs" }] });
    return { t, u, mine, theirs, theirEntry: theirs[kind.plural][0] };
  }

  it("a contact of another organization is a 404 on POST, PUT and DELETE, and is left alone", async () => {
    const { t, u, theirs, theirEntry } = await twoOrganizations();
    const random = await expectNotFound(await send(t.key, "POST", entriesPath(kind, NO_SUCH_ID), { [kind.field]: kind.value(1) }));
    const foreign = await expectNotFound(await send(t.key, "POST", entriesPath(kind, theirs.id), { [kind.field]: kind.value(1) }));
    expect(foreign.message).toBe(random.message); // no hint that it exists elsewhere
    await expectNotFound(await send(t.owner, "POST", entriesPath(kind, theirs.id), { [kind.field]: kind.value(1), is_preferred: true }));
    await expectNotFound(await send(t.key, "PUT", entryPath(kind, theirs.id, theirEntry.id), { label: "Hijacked", is_preferred: false }));
    await expectNotFound(await send(t.key, "DELETE", entryPath(kind, theirs.id, theirEntry.id)));
    expect(await getContact(u.key, theirs.id)).toEqual(theirs);
  });

  it("an entry of another organization under my contact's path is a 404, and is left alone", async () => {
    const { t, u, mine, theirs, theirEntry } = await twoOrganizations();
    const mineEntry = await add(t.key, kind, mine.id, kind.value(1));
    const random = await expectNotFound(await send(t.key, "PUT", entryPath(kind, mine.id, NO_SUCH_ID), { label: "x" }));
    const foreign = await expectNotFound(await send(t.key, "PUT", entryPath(kind, mine.id, theirEntry.id), { label: "Hijacked" }));
    expect(foreign.message).toBe(random.message);
    await expectNotFound(await send(t.key, "PUT", entryPath(kind, mine.id, theirEntry.id), { is_preferred: true }));
    await expectNotFound(await send(t.key, "DELETE", entryPath(kind, mine.id, theirEntry.id)));
    expect(await getContact(u.key, theirs.id)).toEqual(theirs);
    expect((await expectPreferred(t.key, kind, mine.id, mineEntry.id))[kind.plural]).toEqual([mineEntry]);
  });

  it("an entry of another contact of the same organization under this contact's path is a 404, and is left alone", async () => {
    const t = await newTenant();
    const a = await newContact(t, "A");
    const b = await newContact(t, "B");
    const aEntry = await add(t.key, kind, a.id, kind.value(1));
    const bEntry = await add(t.key, kind, b.id, kind.value(2), { label: "B's" });
    const bBefore = await getContact(t.key, b.id);
    const random = await expectNotFound(await send(t.key, "DELETE", entryPath(kind, a.id, NO_SUCH_ID)));
    const foreign = await expectNotFound(await send(t.key, "DELETE", entryPath(kind, a.id, bEntry.id)));
    expect(foreign.message).toBe(random.message);
    await expectNotFound(await send(t.key, "PUT", entryPath(kind, a.id, bEntry.id), { label: "Moved", is_preferred: true }));
    await expectNotFound(await send(t.key, "PUT", entryPath(kind, a.id, bEntry.id), { is_preferred: false }));
    await expectNotFound(await send(t.key, "PUT", entryPath(kind, a.id, bEntry.id), { [kind.field]: kind.value(3) }));
    expect(await getContact(t.key, b.id)).toEqual(bBefore);
    expect((await expectPreferred(t.key, kind, a.id, aEntry.id))[kind.plural]).toEqual([aEntry]);
  });
});

describe.each(kinds)("$plural: authentication", (kind) => {
  it("without credentials every route is a 401", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    await expectError(await send(anonymous, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(2) }), 401, "unauthenticated");
    await expectError(await send(anonymous, "PUT", entryPath(kind, c.id, entry.id), { label: "x" }), 401, "unauthenticated");
    await expectError(await send(anonymous, "DELETE", entryPath(kind, c.id, entry.id)), 401, "unauthenticated");
    await expectError(await send({ headers: { "x-api-key": "cik_not-a-key" } }, "DELETE", entryPath(kind, c.id, entry.id)), 401, "unauthenticated");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a revoked API key is a 401 at once", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await add(t.key, kind, c.id, kind.value(1));
    const { data: keys } = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
    expect(keys).toHaveLength(1);
    expect((await send(t.owner, "DELETE", `/api/api-keys/${keys[0].id}`)).status).toBe(204);
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(2) }), 401, "unauthenticated");
    await expectError(await send({ headers: { authorization: `Bearer ${t.apiKey}` } }, "PUT", entryPath(kind, c.id, entry.id), { label: "x" }), 401, "unauthenticated");
    await expectError(await send(t.key, "DELETE", entryPath(kind, c.id, entry.id)), 401, "unauthenticated");
    expect((await getContact(t.owner, c.id))[kind.plural]).toEqual([entry]);
  });
});

describe("search follows phones and emails", () => {
  it("adding a phone makes the contact findable by its digits in any format; deleting it makes it unfindable", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    expect(await search(t.key, "415 555 2671")).toEqual([]);
    const phone = await add(t.key, phones, c.id, "(415) 555-2671");
    for (const q of ["415 555 2671", "(415) 555-2671", "+14155552671", "5552671", "555-26"]) expect(await search(t.key, q)).toEqual([c.id]);
    expect((await send(t.key, "DELETE", entryPath(phones, c.id, phone.id))).status).toBe(204);
    expect(await search(t.key, "415 555 2671")).toEqual([]);
    expect(await search(t.key, "5552671")).toEqual([]);
  });

  it("updating a phone's number updates search", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await add(t.key, phones, c.id, "+14155552671");
    await expectJson(t.key, "PUT", entryPath(phones, c.id, phone.id), { phone_number: "+44 20 7183 8750" }, 200);
    expect(await search(t.key, "4155552671")).toEqual([]);
    expect(await search(t.key, "20 7183 8750")).toEqual([c.id]);
    expect(await search(t.key, "020 7183 8750")).toEqual([c.id]); // the national form
    // A label change leaves search as it is.
    await expectJson(t.key, "PUT", entryPath(phones, c.id, phone.id), { label: "London" }, 200);
    expect(await search(t.key, "7183 8750")).toEqual([c.id]);
  });

  it("adding, changing and deleting an email updates search", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await add(t.key, emails, c.id, "Countess@Example.com");
    expect(await search(t.key, "COUNTESS@")).toEqual([c.id]);
    await expectJson(t.key, "PUT", entryPath(emails, c.id, email.id), { email: "ada@analytical.org" }, 200);
    expect(await search(t.key, "countess")).toEqual([]);
    expect(await search(t.key, "analytical")).toEqual([c.id]);
    expect((await send(t.key, "DELETE", entryPath(emails, c.id, email.id))).status).toBe(204);
    expect(await search(t.key, "analytical")).toEqual([]);
  });

  it("a phone in another organization is not found by my search", async () => {
    const t = await newTenant();
    const u = await newTenant();
    const theirs = await newContact(u);
    await add(u.key, phones, theirs.id, "+14155552671");
    expect(await search(t.key, "4155552671")).toEqual([]);
    expect(await search(u.key, "4155552671")).toEqual([theirs.id]);
  });
});

describe("entries and the contact", () => {
  it("adding, changing and deleting an entry moves the contact's updated_at forward", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    let last = c.updated_at;
    const moved = async () => {
      const now = (await getContact(t.key, c.id)).updated_at;
      expect(now >= last).toBe(true);
      last = now;
    };
    await new Promise((r) => setTimeout(r, 5));
    const phone = await add(t.key, phones, c.id, "+14155552671");
    const after = (await getContact(t.key, c.id)).updated_at;
    expect(after > c.updated_at).toBe(true);
    last = after;
    await expectJson(t.key, "PUT", entryPath(phones, c.id, phone.id), { label: "x" }, 200);
    await moved();
    expect((await send(t.key, "DELETE", entryPath(phones, c.id, phone.id))).status).toBe(204);
    await moved();
  });

  it("deleting the contact takes its phones and emails, whose values are free again", async () => {
    const t = await newTenant();
    const a = await newContact(t, "A");
    const phone = await add(t.key, phones, a.id, "+14155552671");
    await add(t.key, emails, a.id, "ada@example.com");
    expect((await send(t.key, "DELETE", contactPath(a.id))).status).toBe(204);
    await expectNotFound(await send(t.key, "PUT", entryPath(phones, a.id, phone.id), { label: "x" }));
    const b = await newContact(t, "B");
    await add(t.key, phones, b.id, "+14155552671");
    await add(t.key, emails, b.id, "ADA@example.com");
  });
});
