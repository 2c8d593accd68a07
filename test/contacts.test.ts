import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createContact, expectError, expectJson, newTenant, request, send, type Caller, type Tenant, NO_SUCH_ID, expectIssue, listAllIds, sendRaw } from "./helpers";

/*
 * The contacts routes themselves: list/search, create, read, rename, delete, merge, duplicates.
 * Phones and emails sub-routes are covered in entries.test.ts, auth and API keys in auth.test.ts.
 * Storage is shared by the tests of this file: each test makes its own contacts with numbers
 * and emails of its own, and tests that count a whole list use a tenant of their own.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

/** A US number no other test of this file uses: +1 555 NXX XXXX. */
let numberCounter = 0;
function freshNumber() {
  numberCounter++;
  return `+1555${String(2000000 + numberCounter).padStart(7, "0")}`;
}

let emailCounter = 0;
const freshEmail = (name = "person") => `${name}.${++emailCounter}.${Date.now().toString(36)}@example.com`;




const listAll = (caller: Caller, query = "", limit = 200) => listAllIds(caller, "/api/contacts", query, limit);

const search = async (caller: Caller, q: string) =>
  (await expectJson(caller, "GET", `/api/contacts?q=${encodeURIComponent(q)}`, undefined, 200)).data as any[];

const preferredOf = (entries: { is_preferred: boolean }[]) => entries.filter((e) => e.is_preferred);

describe.each([
  ["an API key", (t: Tenant) => t.key],
  ["a session cookie", (t: Tenant) => t.owner],
])("with %s", (_via, callerOf) => {
  it("creates a contact with names, phones and emails", async () => {
    const caller = callerOf(a);
    const number = freshNumber();
    const email = freshEmail("ada");
    const created = await createContact(caller, {
      first_name: "  Ada ",
      last_name: "Lovelace",
      phones: [{ phone_number: `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`, label: "Mobile" }, { phone_number: freshNumber() }],
      emails: [{ email: `  ${email.toUpperCase()} ` }],
    });
    expect(created).toMatchObject({ first_name: "Ada", last_name: "Lovelace", is_stub: false, enriched_at: null, enriched_from_call_id: null });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(created.updated_at).toBe(created.created_at);
    expect(created.phones).toHaveLength(2);
    expect(created.phones[0]).toMatchObject({ phone_number: number, label: "Mobile", is_preferred: true });
    expect(created.phones[1]).toMatchObject({ label: null, is_preferred: false });
    expect(created.emails).toEqual([
      { id: expect.any(String), email, label: null, is_preferred: true, source: "manual", created_at: created.created_at },
    ]);
  });

  it("reads a contact with its phones and emails", async () => {
    const caller = callerOf(a);
    const created = await createContact(caller, { last_name: "Babbage", phones: [{ phone_number: freshNumber() }], emails: [{ email: freshEmail() }] });
    expect(await expectJson(caller, "GET", `/api/contacts/${created.id}`, undefined, 200)).toEqual(created);
  });

  it("lists contacts newest first", async () => {
    const caller = callerOf(a);
    const older = await createContact(caller, { first_name: "Older" });
    const newer = await createContact(caller, { first_name: "Newer" });
    const page = await expectJson(caller, "GET", "/api/contacts?limit=2", undefined, 200);
    expect(page.data.map((c: { id: string }) => c.id)).toEqual([newer.id, older.id]);
    expect(page.data[0]).toEqual(newer);
    expect(typeof page.next_cursor).toBe("string");
  });

  it("renames a contact, one name at a time", async () => {
    const caller = callerOf(a);
    const created = await createContact(caller, { phones: [{ phone_number: freshNumber() }] });
    expect(created.is_stub).toBe(true);
    const renamed = await expectJson(caller, "PUT", `/api/contacts/${created.id}`, { first_name: " Grace " }, 200);
    expect(renamed).toMatchObject({ id: created.id, first_name: "Grace", last_name: "", is_stub: false, phones: created.phones });
    expect(Date.parse(renamed.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    const both = await expectJson(caller, "PUT", `/api/contacts/${created.id}`, { last_name: "Hopper" }, 200);
    expect(both).toMatchObject({ first_name: "Grace", last_name: "Hopper", is_stub: false });
    expect(await expectJson(caller, "GET", `/api/contacts/${created.id}`, undefined, 200)).toEqual(both);
  });

  it("clearing both names makes a contact a stub again", async () => {
    const caller = callerOf(a);
    const created = await createContact(caller, { first_name: "Temp", last_name: "Name", emails: [{ email: freshEmail() }] });
    const cleared = await expectJson(caller, "PUT", `/api/contacts/${created.id}`, { first_name: "", last_name: "  " }, 200);
    expect(cleared).toMatchObject({ first_name: "", last_name: "", is_stub: true, emails: created.emails });
  });

  it("deletes a contact", async () => {
    const caller = callerOf(a);
    const created = await createContact(caller, { first_name: "Gone" });
    const res = await send(caller, "DELETE", `/api/contacts/${created.id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    await expectError(await send(caller, "GET", `/api/contacts/${created.id}`), 404, "not_found");
  });

  it("merges a contact into another", async () => {
    const caller = callerOf(a);
    const source = await createContact(caller, { first_name: "Source", phones: [{ phone_number: freshNumber() }] });
    const target = await createContact(caller, { first_name: "Target" });
    const merged = await expectJson(caller, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect(merged).toMatchObject({ id: target.id, first_name: "Target", phones: source.phones });
  });

  it("lists duplicates by name", async () => {
    const caller = callerOf(a);
    const name = { first_name: "Twin", last_name: `Via${_via.length}` };
    const one = await createContact(caller, name);
    const two = await createContact(caller, name);
    const dupes = await expectJson(caller, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200);
    expect(dupes).toEqual({ data: [{ contact: two, reason: "name" }] });
  });
});

describe("POST /api/contacts", () => {
  it("a contact with only a phone is a stub with empty names", async () => {
    const created = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    expect(created).toMatchObject({ first_name: "", last_name: "", is_stub: true, emails: [] });
  });

  it("a contact with only an email is a stub", async () => {
    const created = await createContact(a.key, { emails: [{ email: freshEmail() }] });
    expect(created).toMatchObject({ is_stub: true, phones: [] });
  });

  it("one name is enough not to be a stub", async () => {
    expect((await createContact(a.key, { last_name: "Curie" })).is_stub).toBe(false);
    expect((await createContact(a.key, { first_name: "Marie", last_name: "" })).is_stub).toBe(false);
  });

  it("names of only spaces are empty, and a contact needs something else then", async () => {
    await expectIssue(await send(a.key, "POST", "/api/contacts", { first_name: "   ", last_name: "" }), []);
    const created = await createContact(a.key, { first_name: "   ", phones: [{ phone_number: freshNumber() }] });
    expect(created).toMatchObject({ first_name: "", is_stub: true });
  });

  it("phone numbers in any common format are stored in E.164, read in the default country", async () => {
    const national = freshNumber();
    const dotted = freshNumber();
    const created = await createContact(a.key, {
      phones: [
        { phone_number: national.slice(2) },
        { phone_number: `${dotted.slice(2, 5)}.${dotted.slice(5, 8)}.${dotted.slice(8)}` },
        { phone_number: "+44 20 7183 8750" },
      ],
    });
    expect(created.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([national, dotted, "+442071838750"]);
  });

  it("the first phone and email are preferred unless another is marked", async () => {
    const first = await createContact(a.key, { phones: [{ phone_number: freshNumber() }, { phone_number: freshNumber() }], emails: [{ email: freshEmail() }, { email: freshEmail() }] });
    expect(first.phones.map((p: { is_preferred: boolean }) => p.is_preferred)).toEqual([true, false]);
    expect(first.emails.map((e: { is_preferred: boolean }) => e.is_preferred)).toEqual([true, false]);
    const marked = await createContact(a.key, {
      phones: [{ phone_number: freshNumber() }, { phone_number: freshNumber(), is_preferred: true }],
      emails: [{ email: freshEmail(), is_preferred: false }, { email: freshEmail(), is_preferred: true }],
    });
    expect(marked.phones.map((p: { is_preferred: boolean }) => p.is_preferred)).toEqual([false, true]);
    expect(marked.emails.map((e: { is_preferred: boolean }) => e.is_preferred)).toEqual([false, true]);
  });

  it("two preferred phones are a 400", async () => {
    const res = await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: freshNumber(), is_preferred: true }, { phone_number: freshNumber(), is_preferred: true }] });
    await expectIssue(res, ["phones", 1, "is_preferred"]);
  });

  it("the same number twice in one request is a 400, whatever the format", async () => {
    const number = freshNumber();
    const res = await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: number }, { phone_number: number.slice(2) }] });
    await expectIssue(res, ["phones", 1, "phone_number"]);
  });

  it("the same email twice in one request is a 400, whatever the case", async () => {
    const email = freshEmail();
    const res = await send(a.key, "POST", "/api/contacts", { emails: [{ email }, { email: email.toUpperCase() }] });
    await expectIssue(res, ["emails", 1, "email"]);
  });

  it("labels are trimmed, and an empty label is null", async () => {
    const created = await createContact(a.key, { phones: [{ phone_number: freshNumber(), label: " Work " }], emails: [{ email: freshEmail(), label: "" }] });
    expect(created.phones[0].label).toBe("Work");
    expect(created.emails[0].label).toBeNull();
  });

  it("a create whose second phone conflicts creates nothing", async () => {
    const t = await newTenant();
    const taken = freshNumber();
    const holder = await createContact(t.key, { first_name: "Holder", phones: [{ phone_number: taken }] });
    const email = freshEmail();
    const res = await send(t.key, "POST", "/api/contacts", {
      first_name: "Nobody",
      phones: [{ phone_number: freshNumber() }, { phone_number: taken }],
      emails: [{ email }],
    });
    const error = await expectError(res, 409, "conflict");
    expect(error.existing_contact_id).toBe(holder.id);
    expect(await listAll(t.key)).toEqual([holder.id]);
    // Nothing of it was kept: its email is still free.
    expect((await createContact(t.key, { emails: [{ email }] })).emails[0].email).toBe(email);
  });

  it("a create whose email conflicts creates nothing", async () => {
    const t = await newTenant();
    const email = freshEmail();
    const holder = await createContact(t.key, { emails: [{ email }] });
    const res = await send(t.key, "POST", "/api/contacts", { first_name: "Nobody", phones: [{ phone_number: freshNumber() }], emails: [{ email: freshEmail() }, { email }] });
    expect((await expectError(res, 409, "conflict")).existing_contact_id).toBe(holder.id);
    expect(await listAll(t.key)).toEqual([holder.id]);
  });
});

describe("conflicts", () => {
  it("a phone that another contact holds, in another format, is a 409 naming that contact", async () => {
    const number = freshNumber(); // +1555XXXXXXX
    const holder = await createContact(a.key, { phones: [{ phone_number: number }] });
    const formatted = `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`;
    const error = await expectError(await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: formatted }] }), 409, "conflict");
    expect(error.existing_contact_id).toBe(holder.id);
    expect(error.message).toContain(number);
  });

  it("the seed's (555) 123-4567 and +15551234567 are the same number", async () => {
    const t = await newTenant();
    const holder = await createContact(t.key, { phones: [{ phone_number: "+15551234567" }] });
    const error = await expectError(await send(t.owner, "POST", "/api/contacts", { phones: [{ phone_number: "(555) 123-4567" }] }), 409, "conflict");
    expect(error.existing_contact_id).toBe(holder.id);
  });

  it("an email that another contact holds, in another case, is a 409 naming that contact", async () => {
    const email = freshEmail();
    const holder = await createContact(a.key, { emails: [{ email }] });
    const error = await expectError(await send(a.key, "POST", "/api/contacts", { emails: [{ email: ` ${email.toUpperCase()}` }] }), 409, "conflict");
    expect(error.existing_contact_id).toBe(holder.id);
  });

  it("the same number and email in two organizations is fine", async () => {
    const number = freshNumber();
    const email = freshEmail();
    const inA = await createContact(a.key, { phones: [{ phone_number: number }], emails: [{ email }] });
    const inB = await createContact(b.key, { phones: [{ phone_number: number }], emails: [{ email }] });
    expect(inB.id).not.toBe(inA.id);
    expect(inB.phones[0].phone_number).toBe(number);
  });
});

describe("bad input", () => {
  const long = (n: number) => "x".repeat(n);
  const longEmail = `${"a".repeat(250)}@example.com`;

  describe("POST /api/contacts fields", () => {
    const cases: [string, unknown, (string | number)[]][] = [
      ["first_name of the wrong type", { first_name: 5 }, ["first_name"]],
      ["first_name null", { first_name: null, last_name: "X" }, ["first_name"]],
      ["first_name over 100 characters", { first_name: long(101) }, ["first_name"]],
      ["first_name with a bell", { first_name: "Ada\u0007" }, ["first_name"]],
      ["first_name with a newline", { first_name: "Ada\nLovelace" }, ["first_name"]],
      ["last_name of the wrong type", { last_name: ["Lovelace"] }, ["last_name"]],
      ["last_name over 100 characters", { last_name: long(101) }, ["last_name"]],
      ["last_name with a control character", { last_name: "Love\u0000lace" }, ["last_name"]],
      ["last_name with a tab", { last_name: "Love\tlace" }, ["last_name"]],
      ["phones not a list", { phones: "+15551234567" }, ["phones"]],
      ["a phone not an object", { phones: ["+15551234567"] }, ["phones", 0]],
      ["a phone without a number", { phones: [{ label: "Mobile" }] }, ["phones", 0, "phone_number"]],
      ["phone_number of the wrong type", { phones: [{ phone_number: 15551234567 }] }, ["phones", 0, "phone_number"]],
      ["phone_number too short", { phones: [{ phone_number: "12" }] }, ["phones", 0, "phone_number"]],
      ["phone_number of letters", { phones: [{ phone_number: "abc" }] }, ["phones", 0, "phone_number"]],
      ["phone_number withheld", { phones: [{ phone_number: "anonymous" }] }, ["phones", 0, "phone_number"]],
      ["phone_number a carrier placeholder", { phones: [{ phone_number: "+266696687" }] }, ["phones", 0, "phone_number"]],
      ["phone_number empty", { phones: [{ phone_number: "" }] }, ["phones", 0, "phone_number"]],
      ["phone_number with a control character", { phones: [{ phone_number: "+1555\u00071234567" }] }, ["phones", 0, "phone_number"]],
      ["a second phone invalid", { phones: [{ phone_number: "+15559990000" }, { phone_number: "12" }] }, ["phones", 1, "phone_number"]],
      ["a phone label of the wrong type", { phones: [{ phone_number: "+15559990001", label: 5 }] }, ["phones", 0, "label"]],
      ["a phone label over 50 characters", { phones: [{ phone_number: "+15559990002", label: long(51) }] }, ["phones", 0, "label"]],
      ["a phone label with a newline", { phones: [{ phone_number: "+15559990003", label: "Mo\nbile" }] }, ["phones", 0, "label"]],
      ["is_preferred of the wrong type", { phones: [{ phone_number: "+15559990004", is_preferred: "true" }] }, ["phones", 0, "is_preferred"]],
      ["an unknown field of a phone", { phones: [{ phone_number: "+15559990005", contact_id: NO_SUCH_ID }] }, ["phones", 0, "contact_id"]],
      ["more than 20 phones", { phones: Array.from({ length: 21 }, (_, i) => ({ phone_number: `+1555888${String(i).padStart(4, "0")}` })) }, ["phones"]],
      ["emails not a list", { emails: "ada@example.com" }, ["emails"]],
      ["an email of the wrong type", { emails: [{ email: 5 }] }, ["emails", 0, "email"]],
      ["an email without an address", { emails: [{ label: "Work" }] }, ["emails", 0, "email"]],
      ["an invalid email", { emails: [{ email: "not-an-email" }] }, ["emails", 0, "email"]],
      ["an email without a domain", { emails: [{ email: "ada@" }] }, ["emails", 0, "email"]],
      ["an email with a space inside", { emails: [{ email: "ada love@example.com" }] }, ["emails", 0, "email"]],
      ["an email with a control character", { emails: [{ email: "ada\u0007@example.com" }] }, ["emails", 0, "email"]],
      ["an email over 254 characters", { emails: [{ email: longEmail }] }, ["emails", 0, "email"]],
      ["an email label of the wrong type", { emails: [{ email: "x1@example.com", label: true }] }, ["emails", 0, "label"]],
      ["an email label over 50 characters", { emails: [{ email: "x2@example.com", label: long(51) }] }, ["emails", 0, "label"]],
      ["an email label with a control character", { emails: [{ email: "x3@example.com", label: "Wo\u0007rk" }] }, ["emails", 0, "label"]],
      ["an email is_preferred of the wrong type", { emails: [{ email: "x4@example.com", is_preferred: 1 }] }, ["emails", 0, "is_preferred"]],
      ["an unknown field of an email", { emails: [{ email: "x5@example.com", source: "enrichment" }] }, ["emails", 0, "source"]],
      ["organization_id", { first_name: "Ada", organization_id: "someone-else" }, ["organization_id"]],
      ["id", { first_name: "Ada", id: NO_SUCH_ID }, ["id"]],
      ["created_at", { first_name: "Ada", created_at: "2026-01-01T00:00:00.000Z" }, ["created_at"]],
      ["is_stub", { first_name: "Ada", is_stub: false }, ["is_stub"]],
    ];

    it.each(cases)("%s is a 400 at its path", async (_name, body, path) => {
      await expectIssue(await send(a.key, "POST", "/api/contacts", body), path);
    });

    it("a rejected create creates nothing", async () => {
      const t = await newTenant();
      for (const [, body] of cases) expect((await send(t.key, "POST", "/api/contacts", body)).status).toBe(400);
      expect(await listAll(t.key)).toEqual([]);
    });

    it("names of exactly 100 characters and labels of 50 are fine", async () => {
      const created = await createContact(a.key, { first_name: long(100), last_name: long(100), phones: [{ phone_number: freshNumber(), label: long(50) }] });
      expect(created.first_name).toHaveLength(100);
      expect(created.phones[0].label).toHaveLength(50);
    });

    it("nothing at all is a 400", async () => {
      await expectError(await send(a.key, "POST", "/api/contacts", {}), 400, "validation_failed");
      await expectError(await send(a.key, "POST", "/api/contacts", { phones: [], emails: [] }), 400, "validation_failed");
    });

    it("a body that is not an object is a 400", async () => {
      await expectError(await send(a.key, "POST", "/api/contacts", ["Ada"]), 400, "validation_failed");
      await expectError(await send(a.key, "POST", "/api/contacts", null), 400, "validation_failed");
    });
  });

  describe("PUT /api/contacts/{id} fields", () => {
    let id: string;
    beforeAll(async () => {
      id = (await createContact(a.key, { first_name: "Unchanged", last_name: "Person" })).id;
    });

    const cases: [string, unknown, (string | number)[]][] = [
      ["first_name of the wrong type", { first_name: 5 }, ["first_name"]],
      ["first_name null", { first_name: null }, ["first_name"]],
      ["first_name over 100 characters", { first_name: long(101) }, ["first_name"]],
      ["first_name with a bell", { first_name: "A\u0007" }, ["first_name"]],
      ["first_name with a newline", { first_name: "A\nB" }, ["first_name"]],
      ["last_name of the wrong type", { last_name: false }, ["last_name"]],
      ["last_name over 100 characters", { last_name: long(101) }, ["last_name"]],
      ["last_name with a control character", { last_name: "B\u001bC" }, ["last_name"]],
      ["phones, which have their own routes", { first_name: "A", phones: [] }, ["phones"]],
      ["emails, which have their own routes", { first_name: "A", emails: [] }, ["emails"]],
      ["organization_id", { first_name: "A", organization_id: "someone-else" }, ["organization_id"]],
      ["id", { first_name: "A", id: NO_SUCH_ID }, ["id"]],
      ["created_at", { first_name: "A", created_at: "2026-01-01T00:00:00.000Z" }, ["created_at"]],
      ["is_stub", { is_stub: true }, ["is_stub"]],
    ];

    it.each(cases)("%s is a 400 at its path", async (_name, body, path) => {
      await expectIssue(await send(a.key, "PUT", `/api/contacts/${id}`, body), path);
    });

    it("nothing to change is a 400", async () => {
      await expectError(await send(a.key, "PUT", `/api/contacts/${id}`, {}), 400, "validation_failed");
    });

    it("a rejected rename changes nothing", async () => {
      const contact = await expectJson(a.key, "GET", `/api/contacts/${id}`, undefined, 200);
      expect(contact).toMatchObject({ first_name: "Unchanged", last_name: "Person" });
    });
  });

  describe("bodies", () => {
    it("malformed JSON is a 400", async () => {
      await expectError(await sendRaw(a.key, "POST", "/api/contacts", '{"first_name": "Ada"', "application/json"), 400, "validation_failed");
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectError(await sendRaw(a.key, "PUT", `/api/contacts/${id}`, "{first_name: 'x'}", "application/json"), 400, "validation_failed");
      await expectError(await sendRaw(a.key, "POST", `/api/contacts/${id}/merge`, "into=", "application/json"), 400, "validation_failed");
    });

    it("a JSON body sent as text/plain is a 415", async () => {
      const body = JSON.stringify({ first_name: "Plain" });
      await expectError(await sendRaw(a.key, "POST", "/api/contacts", body, "text/plain"), 415, "unsupported_media_type");
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectError(await sendRaw(a.key, "PUT", `/api/contacts/${id}`, body, "text/plain"), 415, "unsupported_media_type");
      await expectError(await sendRaw(a.key, "POST", `/api/contacts/${id}/merge`, JSON.stringify({ into: id }), "text/plain"), 415, "unsupported_media_type");
      await expectError(await sendRaw(a.key, "POST", "/api/contacts", "first_name=Form", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
      expect(await search(a.key, "Plain")).toEqual([]);
    });

    it("application/json with a charset is fine", async () => {
      const res = await sendRaw(a.key, "POST", "/api/contacts", JSON.stringify({ first_name: "Charset" }), "application/json; charset=utf-8");
      expect(res.status).toBe(201);
    });

    it("a body over 64 KiB is a 413", async () => {
      const body = JSON.stringify({ first_name: "Big", last_name: "x".repeat(65 * 1024) });
      await expectError(await sendRaw(a.key, "POST", "/api/contacts", body, "application/json"), 413, "payload_too_large");
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectError(await sendRaw(a.key, "PUT", `/api/contacts/${id}`, body, "application/json"), 413, "payload_too_large");
    });

    it("an id that is not a UUID is a 400", async () => {
      await expectIssue(await send(a.key, "GET", "/api/contacts/not-an-id"), ["id"]);
      await expectIssue(await send(a.key, "POST", `/api/contacts/${NO_SUCH_ID}/merge`, { into: "not-an-id" }), ["into"]);
    });

    it("merge without into, or with more, is a 400", async () => {
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectIssue(await send(a.key, "POST", `/api/contacts/${id}/merge`, {}), ["into"]);
      await expectIssue(await send(a.key, "POST", `/api/contacts/${id}/merge`, { into: 5 }), ["into"]);
      await expectIssue(await send(a.key, "POST", `/api/contacts/${id}/merge`, { into: NO_SUCH_ID, first_name: "x" }), ["first_name"]);
    });
  });

  describe("list query", () => {
    it.each(["0", "201", "x", "-1", "1.5", ""])("limit=%s is a 400", async (limit) => {
      await expectIssue(await send(a.key, "GET", `/api/contacts?limit=${limit}`), ["limit"]);
    });

    it.each(["garbage", "djE6", btoa("v2:5"), btoa("v1:-3"), "%%%", "x".repeat(65)])("cursor=%s is a 400", async (cursor) => {
      await expectIssue(await send(a.key, "GET", `/api/contacts?cursor=${encodeURIComponent(cursor)}`), ["cursor"]);
    });

    it("a q over 100 characters is a 400", async () => {
      await expectIssue(await send(a.key, "GET", `/api/contacts?q=${"a".repeat(101)}`), ["q"]);
    });

    it("limits of 1 and 200 are fine", async () => {
      expect((await expectJson(a.key, "GET", "/api/contacts?limit=1", undefined, 200)).data).toHaveLength(1);
      await expectJson(a.key, "GET", "/api/contacts?limit=200", undefined, 200);
    });
  });
});

describe("another organization's contacts", () => {
  let theirs: { id: string; first_name: string };
  let theirNumber: string;
  let theirEmail: string;
  let mine: { id: string };

  beforeAll(async () => {
    theirNumber = freshNumber();
    theirEmail = freshEmail("zenobia");
    theirs = await createContact(b.key, { first_name: "Zenobia", last_name: "Quillfeather", phones: [{ phone_number: theirNumber }], emails: [{ email: theirEmail }] });
    mine = await createContact(a.key, { first_name: "Zenobia", last_name: "Quillfeather" });
  });

  /** The 404 for another organization's id is the 404 for an id nobody has: no hint. */
  async function expectNoHint(method: string, path: (id: string) => string, body?: (id: string) => unknown) {
    for (const caller of [a.key, a.owner]) {
      const foreign = await expectError(await send(caller, method, path(theirs.id), body?.(theirs.id)), 404, "not_found");
      const missing = await expectError(await send(caller, method, path(NO_SUCH_ID), body?.(NO_SUCH_ID)), 404, "not_found");
      expect(foreign.message).toBe(missing.message);
      expect(foreign.message).not.toContain(theirs.id);
      expect(Object.keys(foreign).sort()).toEqual(["code", "message", "request_id"]);
    }
  }

  it("GET is a 404", () => expectNoHint("GET", (id) => `/api/contacts/${id}`));
  it("PUT is a 404", () => expectNoHint("PUT", (id) => `/api/contacts/${id}`, () => ({ first_name: "Hijacked" })));
  it("DELETE is a 404", () => expectNoHint("DELETE", (id) => `/api/contacts/${id}`));
  it("merging it into mine is a 404", () => expectNoHint("POST", (id) => `/api/contacts/${id}/merge`, () => ({ into: mine.id })));
  it("merging mine into it is a 404", () => expectNoHint("POST", () => `/api/contacts/${mine.id}/merge`, (id) => ({ into: id })));
  it("its duplicates are a 404", () => expectNoHint("GET", (id) => `/api/contacts/${id}/duplicates`));

  it("none of those touched it", async () => {
    const still = await expectJson(b.key, "GET", `/api/contacts/${theirs.id}`, undefined, 200);
    expect(still).toMatchObject({ first_name: "Zenobia", last_name: "Quillfeather" });
    expect(still.phones[0].phone_number).toBe(theirNumber);
    expect(still.emails[0].email).toBe(theirEmail);
    expect((await expectJson(a.key, "GET", `/api/contacts/${mine.id}`, undefined, 200)).phones).toEqual([]);
  });

  it("it is never in my list", async () => {
    const ids = await listAll(a.key, "", 7);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });

  it("it is never in my search results, by name, email or number", async () => {
    for (const q of ["Zenobia", "quillfeather", "zen", "Qu", theirEmail, theirNumber, theirNumber.slice(2, 8)]) {
      expect((await search(a.owner, q)).map((c) => c.id)).not.toContain(theirs.id);
    }
    expect((await search(a.key, "Quillfeather")).map((c) => c.id)).toEqual([mine.id]);
  });

  it("it is never suggested as a duplicate", async () => {
    expect(await expectJson(a.key, "GET", `/api/contacts/${mine.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
    expect(await expectJson(b.key, "GET", `/api/contacts/${theirs.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
  });
});

describe("search", () => {
  let t: Tenant;
  let ada: { id: string };
  let bob: { id: string };
  let odd: { id: string };

  beforeAll(async () => {
    t = await newTenant();
    ada = await createContact(t.key, { first_name: "Ada", last_name: "Lovelace", phones: [{ phone_number: "+15551234567" }], emails: [{ email: "countess@analytical.example" }] });
    bob = await createContact(t.key, { first_name: "Bob", last_name: "Builder", phones: [{ phone_number: "+442071838750" }], emails: [{ email: "bob@site.example" }] });
    odd = await createContact(t.key, { first_name: '50%_off "deal"', last_name: "Zed" });
    // The same names and number elsewhere must never show up.
    await createContact(b.key, { first_name: "Ada", last_name: "Lovelace", emails: [{ email: freshEmail("countess") }] });
  });

  const ids = async (q: string) => (await search(t.key, q)).map((c) => c.id);

  it.each(["ada", "ADA", "lovelace", "Love", "ada love", "velac"])("finds a name by a case-insensitive substring: %s", async (q) => {
    expect(await ids(q)).toEqual([ada.id]);
  });

  it.each(["countess", "COUNTESS@ANALYTICAL", "analytical.example", "@site."])("finds an email by a substring: %s", async (q) => {
    const found = await ids(q);
    expect(found).toHaveLength(1);
    expect([ada.id, bob.id]).toContain(found[0]);
  });

  it.each(["555 123", "(555) 123-45", "+1 555", "555-123-4567", "5551234567", "+15551234567", "1234567", "+1 (555) 123"])("finds a phone by its digits in any format: %s", async (q) => {
    expect(await ids(q)).toEqual([ada.id]);
  });

  it("finds a foreign number by its national digits too", async () => {
    expect(await ids("020 7183 8750")).toEqual([bob.id]);
    expect(await ids("+44 20 7183")).toEqual([bob.id]);
  });

  it("short queries of one or two characters match substrings", async () => {
    expect(await ids("Ad")).toEqual([ada.id]);
    expect(await ids("bU")).toEqual([bob.id]);
    expect(await ids("Z")).toEqual([odd.id]);
    expect(await ids("v")).toEqual([ada.id]);
    expect(await ids("44")).toEqual([bob.id]);
  });

  it("a query with %, _ and \" characters is taken literally", async () => {
    for (const q of ["%", "_", '"', "%_", '"deal"', '%_off "', '50%_off "deal"']) expect(await ids(q), q).toEqual([odd.id]);
    for (const q of ["%x", "_x", '"x', 'a"b%c_d']) expect(await ids(q), q).toEqual([]);
  });

  it("a query matching nothing is an empty page", async () => {
    expect(await expectJson(t.key, "GET", "/api/contacts?q=nobody-here", undefined, 200)).toEqual({ data: [], next_cursor: null });
  });

  it("an empty q lists everything", async () => {
    expect((await ids("")).length).toBe(3);
  });

  it("a renamed contact is found under its new name only", async () => {
    const c = await createContact(t.key, { first_name: "Quentin" });
    await expectJson(t.key, "PUT", `/api/contacts/${c.id}`, { first_name: "Rupert" }, 200);
    expect(await ids("Quentin")).toEqual([]);
    expect(await ids("rupert")).toEqual([c.id]);
  });

  it("search results are paginated", async () => {
    const more = [];
    for (let i = 0; i < 3; i++) more.push(await createContact(t.key, { first_name: "Paginated", last_name: `Searchee${i}` }));
    const first = await expectJson(t.key, "GET", "/api/contacts?q=searchee&limit=2", undefined, 200);
    expect(first.data.map((c: { id: string }) => c.id)).toEqual([more[2]!.id, more[1]!.id]);
    const second = await expectJson(t.key, "GET", `/api/contacts?q=searchee&limit=2&cursor=${first.next_cursor}`, undefined, 200);
    expect(second).toEqual({ data: [expect.objectContaining({ id: more[0]!.id })], next_cursor: null });
  });
});

describe("pagination", () => {
  it("walks more than two pages newest first, with no repeats and no gaps", async () => {
    const t = await newTenant();
    const created: string[] = [];
    for (let i = 0; i < 25; i++) created.push((await createContact(t.key, { first_name: `Page${i}` })).id);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res: { data: { id: string }[]; next_cursor: string | null } = await expectJson(t.owner, "GET", `/api/contacts?limit=10${cursor ? `&cursor=${cursor}` : ""}`, undefined, 200);
      pages.push(res.data.map((c) => c.id));
      cursor = res.next_cursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual([...created].reverse());
  });

  it("a page that ends exactly at the last contact has no next cursor", async () => {
    const t = await newTenant();
    for (let i = 0; i < 4; i++) await createContact(t.key, { first_name: `Exact${i}` });
    const first = await expectJson(t.key, "GET", "/api/contacts?limit=2", undefined, 200);
    const second = await expectJson(t.key, "GET", `/api/contacts?limit=2&cursor=${first.next_cursor}`, undefined, 200);
    expect(second.data).toHaveLength(2);
    expect(second.next_cursor).toBeNull();
  });

  it("contacts added between pages neither repeat nor hide the original ones", async () => {
    const t = await newTenant();
    const original: string[] = [];
    for (let i = 0; i < 25; i++) original.push((await createContact(t.key, { first_name: `Orig${i}` })).id);
    const added: string[] = [];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { data: { id: string }[]; next_cursor: string | null } = await expectJson(t.key, "GET", `/api/contacts?limit=10${cursor ? `&cursor=${cursor}` : ""}`, undefined, 200);
      seen.push(...res.data.map((c) => c.id));
      cursor = res.next_cursor;
      for (let i = 0; i < 3; i++) added.push((await createContact(t.key, { first_name: `Added${added.length}` })).id);
    } while (cursor);
    expect(seen).toEqual([...original].reverse());
    // The new ones are there, on a fresh walk from the top.
    expect(await listAll(t.key, "", 10)).toEqual([...original, ...added].reverse());
  });

  it("contacts deleted between pages do not break the walk", async () => {
    const t = await newTenant();
    const original: string[] = [];
    for (let i = 0; i < 6; i++) original.push((await createContact(t.key, { first_name: `Del${i}` })).id);
    const first = await expectJson(t.key, "GET", "/api/contacts?limit=3", undefined, 200);
    // The last contact of the first page is where the cursor points.
    expect((await send(t.key, "DELETE", `/api/contacts/${first.data[2].id}`)).status).toBe(204);
    const second = await expectJson(t.key, "GET", `/api/contacts?limit=3&cursor=${first.next_cursor}`, undefined, 200);
    expect(second.data.map((c: { id: string }) => c.id)).toEqual(original.slice(0, 3).reverse());
  });
});

describe("POST /api/contacts/{id}/merge", () => {
  it("moves phones and emails, fills empty names, and keeps the target's preferred entries", async () => {
    const targetPhone = freshNumber();
    const [sourcePhone1, sourcePhone2] = [freshNumber(), freshNumber()];
    const [sourceEmail1, sourceEmail2] = [freshEmail(), freshEmail()];
    const target = await createContact(a.key, { first_name: "Augusta", phones: [{ phone_number: targetPhone }] });
    const source = await createContact(a.key, {
      first_name: "Ada",
      last_name: "King",
      phones: [{ phone_number: sourcePhone1 }, { phone_number: sourcePhone2 }],
      emails: [{ email: sourceEmail1 }, { email: sourceEmail2, is_preferred: true }],
    });
    const merged = await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect(merged).toMatchObject({ id: target.id, first_name: "Augusta", last_name: "King", is_stub: false, created_at: target.created_at });
    expect(merged.phones.map((p: { phone_number: string }) => p.phone_number).sort()).toEqual([targetPhone, sourcePhone1, sourcePhone2].sort());
    expect(preferredOf(merged.phones).map((p: any) => p.phone_number)).toEqual([targetPhone]);
    // The target had no email: the source's preferred one stays preferred, and only it.
    expect(merged.emails.map((e: { email: string }) => e.email).sort()).toEqual([sourceEmail1, sourceEmail2].sort());
    expect(preferredOf(merged.emails).map((e: any) => e.email)).toEqual([sourceEmail2]);
    // Moved entries keep their ids.
    expect(merged.phones.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(source.phones.map((p: { id: string }) => p.id)));

    await expectError(await send(a.key, "GET", `/api/contacts/${source.id}`), 404, "not_found");
    expect(await expectJson(a.key, "GET", `/api/contacts/${target.id}`, undefined, 200)).toEqual(merged);
  });

  it("the target's preferred email wins over the source's", async () => {
    const [mine, theirs] = [freshEmail(), freshEmail()];
    const target = await createContact(a.key, { emails: [{ email: mine }] });
    const source = await createContact(a.key, { emails: [{ email: theirs }] });
    const merged = await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect(merged.emails.map((e: any) => [e.email, e.is_preferred])).toEqual([[mine, true], [theirs, false]]);
  });

  it("the target's non-empty names win; a stub target takes both names", async () => {
    const named = await createContact(a.key, { first_name: "Kept", last_name: "Names" });
    const other = await createContact(a.key, { first_name: "Lost", last_name: "Names2" });
    expect(await expectJson(a.key, "POST", `/api/contacts/${other.id}/merge`, { into: named.id }, 200)).toMatchObject({ first_name: "Kept", last_name: "Names" });

    const stub = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    const donor = await createContact(a.key, { first_name: "Given", last_name: "Later" });
    expect(await expectJson(a.key, "POST", `/api/contacts/${donor.id}/merge`, { into: stub.id }, 200)).toMatchObject({ first_name: "Given", last_name: "Later", is_stub: false });
  });

  it("merging stubs keeps a stub", async () => {
    const one = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    const two = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    const merged = await expectJson(a.owner, "POST", `/api/contacts/${two.id}/merge`, { into: one.id }, 200);
    expect(merged).toMatchObject({ is_stub: true, first_name: "", last_name: "" });
    expect(preferredOf(merged.phones)).toHaveLength(1);
    expect(preferredOf(merged.phones)[0]).toMatchObject({ id: one.phones[0].id });
  });

  it("search finds a moved phone under the target", async () => {
    const number = freshNumber();
    const target = await createContact(a.key, { first_name: "Merged", last_name: "Target" });
    const source = await createContact(a.key, { phones: [{ phone_number: number }], emails: [{ email: "moved.mail@merge.example" }] });
    await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect((await search(a.key, number.slice(2))).map((c) => c.id)).toEqual([target.id]);
    expect((await search(a.key, number.slice(5))).map((c) => c.id)).toEqual([target.id]);
    expect((await search(a.key, "moved.mail@merge")).map((c) => c.id)).toEqual([target.id]);
  });

  it("a moved phone still belongs to one contact: adding it again is a 409 naming the target", async () => {
    const number = freshNumber();
    const target = await createContact(a.key, { first_name: "Holder" });
    const source = await createContact(a.key, { phones: [{ phone_number: number }] });
    await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    const error = await expectError(await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: number }] }), 409, "conflict");
    expect(error.existing_contact_id).toBe(target.id);
  });

  it("merging a contact into itself is a 400 and changes nothing", async () => {
    const c = await createContact(a.key, { first_name: "Self", phones: [{ phone_number: freshNumber() }] });
    await expectIssue(await send(a.key, "POST", `/api/contacts/${c.id}/merge`, { into: c.id }), ["into"]);
    expect(await expectJson(a.key, "GET", `/api/contacts/${c.id}`, undefined, 200)).toEqual(c);
  });

  it("merging a contact that is gone, or into one that is gone, is a 404", async () => {
    const c = await createContact(a.key, { first_name: "Alive", phones: [{ phone_number: freshNumber() }] });
    await expectError(await send(a.key, "POST", `/api/contacts/${NO_SUCH_ID}/merge`, { into: c.id }), 404, "not_found");
    await expectError(await send(a.key, "POST", `/api/contacts/${c.id}/merge`, { into: NO_SUCH_ID }), 404, "not_found");
    expect(await expectJson(a.key, "GET", `/api/contacts/${c.id}`, undefined, 200)).toEqual(c);
  });

  it("a merge settles the duplicate suggestion between the two", async () => {
    const one = await createContact(a.key, { first_name: "Settled", last_name: "Pair" });
    const two = await createContact(a.key, { first_name: "settled", last_name: "PAIR" });
    expect((await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).data).toHaveLength(1);
    await expectJson(a.key, "POST", `/api/contacts/${two.id}/merge`, { into: one.id }, 200);
    expect(await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
  });
});

describe("GET /api/contacts/{id}/duplicates", () => {
  async function suggestEmailDuplicate(organizationId: string, contactId: string, duplicateContactId: string) {
    await env.DB.prepare("INSERT INTO contact_duplicate (organization_id, contact_id, duplicate_contact_id, reason, created_at) VALUES (?, ?, ?, 'email', ?)")
      .bind(organizationId, contactId, duplicateContactId, Date.now())
      .run();
  }

  it("suggests another contact with the same first and last name, whatever the case", async () => {
    const one = await createContact(a.key, { first_name: "Charles", last_name: "Babbage-Dupe" });
    const two = await createContact(a.key, { first_name: "CHARLES", last_name: "babbage-dupe", phones: [{ phone_number: freshNumber() }] });
    await createContact(a.key, { first_name: "Charles", last_name: "Babbage-Other" });
    await createContact(a.key, { first_name: "Charlie", last_name: "Babbage-Dupe" });
    expect(await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).toEqual({ data: [{ contact: two, reason: "name" }] });
    const back = await expectJson(a.owner, "GET", `/api/contacts/${two.id}/duplicates`, undefined, 200);
    expect(back.data).toEqual([{ contact: expect.objectContaining({ id: one.id }), reason: "name" }]);
  });

  it("a contact with no namesake has no suggestions", async () => {
    const c = await createContact(a.key, { first_name: "Unique", last_name: "Ophelia-Namesake" });
    expect(await expectJson(a.key, "GET", `/api/contacts/${c.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
  });

  it("a stub has no name duplicates, though other stubs exist", async () => {
    const t = await newTenant();
    const stub = await createContact(t.key, { phones: [{ phone_number: freshNumber() }] });
    await createContact(t.key, { phones: [{ phone_number: freshNumber() }] });
    await createContact(t.key, { emails: [{ email: freshEmail() }] });
    expect(await expectJson(t.key, "GET", `/api/contacts/${stub.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
  });

  it("reports an email suggestion recorded by enrichment, from either side", async () => {
    const email = freshEmail("heard");
    const holder = await createContact(a.key, { first_name: "Email", last_name: "Holder", emails: [{ email }] });
    const stub = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    await suggestEmailDuplicate(a.organizationId, stub.id, holder.id);
    expect(await expectJson(a.key, "GET", `/api/contacts/${stub.id}/duplicates`, undefined, 200)).toEqual({ data: [{ contact: holder, reason: "email" }] });
    expect(await expectJson(a.key, "GET", `/api/contacts/${holder.id}/duplicates`, undefined, 200)).toEqual({ data: [{ contact: stub, reason: "email" }] });
  });

  it("a contact suggested for both reasons is listed once, for email", async () => {
    const one = await createContact(a.key, { first_name: "Both", last_name: "Reasons" });
    const two = await createContact(a.key, { first_name: "Both", last_name: "Reasons" });
    await suggestEmailDuplicate(a.organizationId, one.id, two.id);
    expect(await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).toEqual({ data: [{ contact: two, reason: "email" }] });
  });

  it("never suggests another organization's contact, even if a suggestion row points there", async () => {
    const mine = await createContact(a.key, { first_name: "Cross", last_name: "Org" });
    const theirs = await createContact(b.key, { first_name: "Cross", last_name: "Org" });
    await suggestEmailDuplicate(a.organizationId, mine.id, theirs.id);
    expect(await expectJson(a.key, "GET", `/api/contacts/${mine.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
  });

  it("a deleted contact is no longer suggested", async () => {
    const one = await createContact(a.key, { first_name: "Deleted", last_name: "Namesake" });
    const two = await createContact(a.key, { first_name: "Deleted", last_name: "Namesake" });
    const three = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    await suggestEmailDuplicate(a.organizationId, three.id, two.id);
    expect((await send(a.key, "DELETE", `/api/contacts/${two.id}`)).status).toBe(204);
    expect(await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
    expect(await expectJson(a.key, "GET", `/api/contacts/${three.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
  });

  it("a missing contact is a 404", async () => {
    await expectError(await send(a.key, "GET", `/api/contacts/${NO_SUCH_ID}/duplicates`), 404, "not_found");
  });
});

describe("DELETE /api/contacts/{id}", () => {
  it("its phones and emails go with it, and can belong to a new contact", async () => {
    const number = freshNumber();
    const email = freshEmail();
    const c = await createContact(a.key, { first_name: "Deleted", phones: [{ phone_number: number }], emails: [{ email }] });
    const res = await send(a.owner, "DELETE", `/api/contacts/${c.id}`);
    expect(res.status).toBe(204);
    await expectError(await send(a.key, "GET", `/api/contacts/${c.id}`), 404, "not_found");
    const { results } = await env.DB.prepare("SELECT count(*) AS n FROM contact_phone WHERE contact_id = ?1 UNION ALL SELECT count(*) FROM contact_email WHERE contact_id = ?1").bind(c.id).all<{ n: number }>();
    expect(results.map((r) => r.n)).toEqual([0, 0]);
    expect((await search(a.key, number.slice(2))).map((x) => x.id)).toEqual([]);
    const again = await createContact(a.key, { phones: [{ phone_number: number }], emails: [{ email }] });
    expect(again.phones[0].phone_number).toBe(number);
    expect(again.emails[0].email).toBe(email);
  });

  it("deleting twice is a 404 the second time", async () => {
    const c = await createContact(a.key, { first_name: "Twice" });
    expect((await send(a.key, "DELETE", `/api/contacts/${c.id}`)).status).toBe(204);
    await expectError(await send(a.key, "DELETE", `/api/contacts/${c.id}`), 404, "not_found");
  });

  it("a deleted contact cannot be renamed back", async () => {
    const c = await createContact(a.key, { first_name: "Ghost" });
    expect((await send(a.key, "DELETE", `/api/contacts/${c.id}`)).status).toBe(204);
    await expectError(await send(a.key, "PUT", `/api/contacts/${c.id}`, { first_name: "Back" }), 404, "not_found");
    await expectError(await send(a.key, "GET", `/api/contacts/${c.id}/duplicates`), 404, "not_found");
  });
});

describe("authentication", () => {
  it("every contacts route needs a session or an API key", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/contacts"],
      ["POST", "/api/contacts", { first_name: "Anon" }],
      ["GET", `/api/contacts/${NO_SUCH_ID}`],
      ["PUT", `/api/contacts/${NO_SUCH_ID}`, { first_name: "Anon" }],
      ["DELETE", `/api/contacts/${NO_SUCH_ID}`],
      ["POST", `/api/contacts/${NO_SUCH_ID}/merge`, { into: NO_SUCH_ID }],
      ["GET", `/api/contacts/${NO_SUCH_ID}/duplicates`],
    ];
    for (const [method, path, body] of routes) await expectError(await send({ headers: {} }, method, path, body), 401, "unauthenticated");
  });
});
