import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Caller,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  freshEmail,
  freshNumber,
  listAllIds,
  NO_SUCH_ID,
  national,
  newTenant,
  searchIds,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * The contacts routes themselves: create, read, rename, delete, and another organization's
 * contacts. Bad input is covered in contact-input.test.ts, the list and search in
 * contact-list.test.ts, merges and duplicates in merge-and-duplicates.test.ts, phones and emails
 * in entries.test.ts. Storage is shared by the tests of this file: each test makes its own
 * contacts with numbers and emails of its own, and tests that count a whole list use a tenant of
 * their own.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

const listAll = (caller: Caller, query = "", limit = 200) => listAllIds(caller, "/api/contacts", query, limit);

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
      phones: [{ phone_number: national(number), label: "Mobile" }, { phone_number: freshNumber() }],
      emails: [{ email: `  ${email.toUpperCase()} ` }],
    });
    expect(created).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      is_stub: false,
      enriched_at: null,
      enriched_from_call_id: null,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(created.updated_at).toBe(created.created_at);
    expect(created.phones).toHaveLength(2);
    expect(created.phones[0]).toMatchObject({ phone_number: number, label: "Mobile", is_preferred: true });
    expect(created.phones[1]).toMatchObject({ label: null, is_preferred: false });
    expect(created.emails).toEqual([
      {
        id: expect.any(String),
        email,
        label: null,
        is_preferred: true,
        source: "manual",
        created_at: created.created_at,
      },
    ]);
  });

  it("reads a contact with its phones and emails", async () => {
    const caller = callerOf(a);
    const created = await createContact(caller, {
      last_name: "Babbage",
      phones: [{ phone_number: freshNumber() }],
      emails: [{ email: freshEmail() }],
    });
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
    expect(renamed).toMatchObject({
      id: created.id,
      first_name: "Grace",
      last_name: "",
      is_stub: false,
      phones: created.phones,
    });
    expect(Date.parse(renamed.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    const both = await expectJson(caller, "PUT", `/api/contacts/${created.id}`, { last_name: "Hopper" }, 200);
    expect(both).toMatchObject({ first_name: "Grace", last_name: "Hopper", is_stub: false });
    expect(await expectJson(caller, "GET", `/api/contacts/${created.id}`, undefined, 200)).toEqual(both);
  });

  it("clearing both names makes a contact a stub again", async () => {
    const caller = callerOf(a);
    const created = await createContact(caller, {
      first_name: "Temp",
      last_name: "Name",
      emails: [{ email: freshEmail() }],
    });
    const cleared = await expectJson(
      caller,
      "PUT",
      `/api/contacts/${created.id}`,
      { first_name: "", last_name: "  " },
      200,
    );
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
    expect(dupes).toEqual({ data: [{ contact: two, reason: "name", unverified: false }] });
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
    const digitsOnly = freshNumber();
    const dotted = freshNumber();
    const created = await createContact(a.key, {
      phones: [
        { phone_number: digitsOnly.slice(2) },
        { phone_number: `${dotted.slice(2, 5)}.${dotted.slice(5, 8)}.${dotted.slice(8)}` },
        { phone_number: "+44 20 7183 8750" },
      ],
    });
    expect(created.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([
      digitsOnly,
      dotted,
      "+442071838750",
    ]);
  });

  it("the first phone and email are preferred unless another is marked", async () => {
    const first = await createContact(a.key, {
      phones: [{ phone_number: freshNumber() }, { phone_number: freshNumber() }],
      emails: [{ email: freshEmail() }, { email: freshEmail() }],
    });
    expect(first.phones.map((p: { is_preferred: boolean }) => p.is_preferred)).toEqual([true, false]);
    expect(first.emails.map((e: { is_preferred: boolean }) => e.is_preferred)).toEqual([true, false]);
    const marked = await createContact(a.key, {
      phones: [{ phone_number: freshNumber() }, { phone_number: freshNumber(), is_preferred: true }],
      emails: [
        { email: freshEmail(), is_preferred: false },
        { email: freshEmail(), is_preferred: true },
      ],
    });
    expect(marked.phones.map((p: { is_preferred: boolean }) => p.is_preferred)).toEqual([false, true]);
    expect(marked.emails.map((e: { is_preferred: boolean }) => e.is_preferred)).toEqual([false, true]);
  });

  it("two preferred phones are a 400", async () => {
    const res = await send(a.key, "POST", "/api/contacts", {
      phones: [
        { phone_number: freshNumber(), is_preferred: true },
        { phone_number: freshNumber(), is_preferred: true },
      ],
    });
    await expectIssue(res, ["phones", 1, "is_preferred"]);
  });

  it("the same number twice in one request is a 400, whatever the format", async () => {
    const number = freshNumber();
    const res = await send(a.key, "POST", "/api/contacts", {
      phones: [{ phone_number: number }, { phone_number: number.slice(2) }],
    });
    await expectIssue(res, ["phones", 1, "phone_number"]);
  });

  it("the same email twice in one request is a 400, whatever the case", async () => {
    const email = freshEmail();
    const res = await send(a.key, "POST", "/api/contacts", { emails: [{ email }, { email: email.toUpperCase() }] });
    await expectIssue(res, ["emails", 1, "email"]);
  });

  it("labels are trimmed, and an empty label is null", async () => {
    const created = await createContact(a.key, {
      phones: [{ phone_number: freshNumber(), label: " Work " }],
      emails: [{ email: freshEmail(), label: "" }],
    });
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
    const res = await send(t.key, "POST", "/api/contacts", {
      first_name: "Nobody",
      phones: [{ phone_number: freshNumber() }],
      emails: [{ email: freshEmail() }, { email }],
    });
    expect((await expectError(res, 409, "conflict")).existing_contact_id).toBe(holder.id);
    expect(await listAll(t.key)).toEqual([holder.id]);
  });
});

describe("conflicts", () => {
  it("a phone that another contact holds, in another format, is a 409 naming that contact", async () => {
    const number = freshNumber(); // +1555XXXXXXX
    const holder = await createContact(a.key, { phones: [{ phone_number: number }] });
    const error = await expectError(
      await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: national(number) }] }),
      409,
      "conflict",
    );
    expect(error.existing_contact_id).toBe(holder.id);
    expect(error.message).toContain(number);
  });

  it("the seed's (555) 123-4567 and +15551234567 are the same number", async () => {
    const t = await newTenant();
    const holder = await createContact(t.key, { phones: [{ phone_number: "+15551234567" }] });
    const error = await expectError(
      await send(t.owner, "POST", "/api/contacts", { phones: [{ phone_number: "(555) 123-4567" }] }),
      409,
      "conflict",
    );
    expect(error.existing_contact_id).toBe(holder.id);
  });

  it("an email that another contact holds, in another case, is a 409 naming that contact", async () => {
    const email = freshEmail();
    const holder = await createContact(a.key, { emails: [{ email }] });
    const error = await expectError(
      await send(a.key, "POST", "/api/contacts", { emails: [{ email: ` ${email.toUpperCase()}` }] }),
      409,
      "conflict",
    );
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

describe("another organization's contacts", () => {
  let theirs: { id: string; first_name: string };
  let theirNumber: string;
  let theirEmail: string;
  let mine: { id: string };

  beforeAll(async () => {
    theirNumber = freshNumber();
    theirEmail = freshEmail("zenobia");
    theirs = await createContact(b.key, {
      first_name: "Zenobia",
      last_name: "Quillfeather",
      phones: [{ phone_number: theirNumber }],
      emails: [{ email: theirEmail }],
    });
    mine = await createContact(a.key, { first_name: "Zenobia", last_name: "Quillfeather" });
  });

  /** The 404 for another organization's id is the 404 for an id nobody has: no hint. */
  async function expectNoHint(method: string, path: (id: string) => string, body?: (id: string) => unknown) {
    for (const caller of [a.key, a.owner]) {
      const foreign = await expectError(
        await send(caller, method, path(theirs.id), body?.(theirs.id)),
        404,
        "not_found",
      );
      const missing = await expectError(
        await send(caller, method, path(NO_SUCH_ID), body?.(NO_SUCH_ID)),
        404,
        "not_found",
      );
      expect(foreign.message).toBe(missing.message);
      expect(foreign.message).not.toContain(theirs.id);
      expect(Object.keys(foreign).sort()).toEqual(["code", "message", "request_id"]);
    }
  }

  it("GET is a 404", () => expectNoHint("GET", (id) => `/api/contacts/${id}`));
  it("PUT is a 404", () =>
    expectNoHint(
      "PUT",
      (id) => `/api/contacts/${id}`,
      () => ({ first_name: "Hijacked" }),
    ));
  it("DELETE is a 404", () => expectNoHint("DELETE", (id) => `/api/contacts/${id}`));
  it("merging it into mine is a 404", () =>
    expectNoHint(
      "POST",
      (id) => `/api/contacts/${id}/merge`,
      () => ({ into: mine.id }),
    ));
  it("merging mine into it is a 404", () =>
    expectNoHint(
      "POST",
      () => `/api/contacts/${mine.id}/merge`,
      (id) => ({ into: id }),
    ));
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
      expect(await searchIds(a.owner, q)).not.toContain(theirs.id);
    }
    expect(await searchIds(a.key, "Quillfeather")).toEqual([mine.id]);
  });

  it("it is never suggested as a duplicate", async () => {
    expect(await expectJson(a.key, "GET", `/api/contacts/${mine.id}/duplicates`, undefined, 200)).toEqual({ data: [] });
    expect(await expectJson(b.key, "GET", `/api/contacts/${theirs.id}/duplicates`, undefined, 200)).toEqual({
      data: [],
    });
  });
});

describe("DELETE /api/contacts/{id}", () => {
  it("its phones and emails go with it, and can belong to a new contact", async () => {
    const number = freshNumber();
    const email = freshEmail();
    const c = await createContact(a.key, {
      first_name: "Deleted",
      phones: [{ phone_number: number }],
      emails: [{ email }],
    });
    const res = await send(a.owner, "DELETE", `/api/contacts/${c.id}`);
    expect(res.status).toBe(204);
    await expectError(await send(a.key, "GET", `/api/contacts/${c.id}`), 404, "not_found");
    const { results } = await env.DB.prepare(
      "SELECT count(*) AS n FROM contact_phone WHERE contact_id = ?1 " +
        "UNION ALL SELECT count(*) FROM contact_email WHERE contact_id = ?1",
    )
      .bind(c.id)
      .all<{ n: number }>();
    expect(results.map((r) => r.n)).toEqual([0, 0]);
    expect(await searchIds(a.key, number.slice(2))).toEqual([]);
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
    for (const [method, path, body] of routes)
      await expectError(await send({ headers: {} }, method, path, body), 401, "unauthenticated");
  });
});
