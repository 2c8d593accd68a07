import { describe, expect, it } from "vitest";
import {
  contactPath,
  emails,
  entriesPath,
  entryPath,
  expectAdded,
  expectNotFound,
  expectPreferred,
  kinds,
  newContact,
  phones,
} from "../support/entry-helpers";
import {
  bearer,
  createContact,
  expectError,
  expectJson,
  getContact,
  newTenant,
  searchIds,
  send,
} from "../support/helpers";

/*
 * The phone and email sub-routes of a contact: adding, labelling, updating and deleting entries,
 * exactly one preferred entry per kind, search and the contact following them. What they refuse
 * is covered in entry-input.test.ts, who may hold and touch an entry in entry-ownership.test.ts.
 * Every test has a tenant of its own.
 */

describe("phones: happy paths", () => {
  it("a US number without + is read in the default country and stored in E.164", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectAdded(t.key, phones, c.id, "(415) 555-2671");
    expect(phone).toEqual({
      id: expect.any(String),
      phone_number: "+14155552671",
      label: null,
      is_preferred: true,
      created_at: expect.any(String),
    });
    expect(new Date(phone.created_at).toISOString()).toBe(phone.created_at);
    expect((await getContact(t.key, c.id)).phones).toEqual([phone]);
  });

  it("an international number is stored in E.164", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectAdded(t.owner, phones, c.id, "+44 20 7183 8750", { label: "London" });
    expect(phone).toMatchObject({ phone_number: "+442071838750", label: "London", is_preferred: true });
  });

  it("the seed's +15551234567, possible but not valid, is accepted", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    expect((await expectAdded(t.key, phones, c.id, "+15551234567")).phone_number).toBe("+15551234567");
  });

  it("a phone can be added with a bearer API key", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectJson(
      bearer(t),
      "POST",
      entriesPath(phones, c.id),
      { phone_number: "+1 415 555 2672" },
      201,
    );
    expect(phone.phone_number).toBe("+14155552672");
  });

  it("updating a phone's number normalizes it and keeps its label and preference", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectAdded(t.key, phones, c.id, "+14155552671", { label: "Mobile" });
    const updated = await expectJson(
      t.key,
      "PUT",
      entryPath(phones, c.id, phone.id),
      { phone_number: "(415) 555-2699" },
      200,
    );
    expect(updated).toEqual({ ...phone, phone_number: "+14155552699" });
    expect((await getContact(t.key, c.id)).phones).toEqual([updated]);
  });
});

describe("emails: happy paths", () => {
  it("an email is trimmed and lowercased, with source manual", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await expectAdded(t.key, emails, c.id, "  Ada.Lovelace@Example.COM ");
    expect(email).toEqual({
      id: expect.any(String),
      email: "ada.lovelace@example.com",
      label: null,
      is_preferred: true,
      source: "manual",
      created_at: expect.any(String),
    });
    expect((await getContact(t.key, c.id)).emails).toEqual([email]);
  });

  it("updating an email's address normalizes it and keeps its label and preference", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await expectAdded(t.key, emails, c.id, "ada@example.com", { label: "Work" });
    const updated = await expectJson(
      t.key,
      "PUT",
      entryPath(emails, c.id, email.id),
      { email: "Countess@Example.org" },
      200,
    );
    expect(updated).toEqual({ ...email, email: "countess@example.org" });
    expect((await getContact(t.key, c.id)).emails).toEqual([updated]);
  });
});

describe.each(kinds)("$plural: labels, update, delete", (kind) => {
  it("a label is trimmed; null and an empty label are stored as null", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    expect((await expectAdded(t.key, kind, c.id, kind.value(1), { label: "  Work  " })).label).toBe("Work");
    expect((await expectAdded(t.key, kind, c.id, kind.value(2), { label: null })).label).toBeNull();
    expect((await expectAdded(t.key, kind, c.id, kind.value(3), { label: "" })).label).toBeNull();
    expect((await expectAdded(t.key, kind, c.id, kind.value(4), { label: "x".repeat(50) })).label).toBe("x".repeat(50));
    const labels = (await getContact(t.key, c.id))[kind.plural].map((e: { label: string | null }) => e.label);
    expect(labels).toEqual(["Work", null, null, "x".repeat(50)]);
  });

  it("a label is set, changed and cleared (null and empty string) by PUT, leaving the value alone", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
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
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1), { label: "Old" });
    const updated = await expectJson(
      t.key,
      "PUT",
      entryPath(kind, c.id, entry.id),
      { [kind.field]: kind.value(2), label: "New" },
      200,
    );
    expect(updated).toEqual({ ...entry, [kind.field]: kind.value(2), label: "New" });
  });

  it("putting the entry's own value again (in another format) is not a conflict", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    const updated = await expectJson(
      t.key,
      "PUT",
      entryPath(kind, c.id, entry.id),
      { [kind.field]: kind.otherFormat(kind.value(1)) },
      200,
    );
    expect(updated).toEqual(entry);
  });

  it("delete answers 204 with no body and the entry is gone; a second delete is a 404", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const keep = await expectAdded(t.key, kind, c.id, kind.value(1));
    const gone = await expectAdded(t.key, kind, c.id, kind.value(2));
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
    const entry = await expectAdded(t.key, kind, a.id, kind.value(1));
    expect((await send(t.key, "DELETE", entryPath(kind, a.id, entry.id))).status).toBe(204);
    await expectAdded(t.key, kind, b.id, kind.value(1));
  });

  it("deleting the only entry leaves the contact with none", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    expect((await send(t.key, "DELETE", entryPath(kind, c.id, entry.id))).status).toBe(204);
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([]);
    // And the next one added is preferred again.
    const next = await expectAdded(t.key, kind, c.id, kind.value(2));
    expect(next.is_preferred).toBe(true);
  });
});

describe.each(kinds)("$plural: exactly one preferred", (kind) => {
  it("the first one added becomes preferred, later ones do not", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await expectAdded(t.key, kind, c.id, kind.value(1));
    expect(first.is_preferred).toBe(true);
    await expectPreferred(t.key, kind, c.id, first.id);
    const second = await expectAdded(t.key, kind, c.id, kind.value(2));
    expect(second.is_preferred).toBe(false);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("the first one added becomes preferred even when sent with is_preferred false", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await expectAdded(t.key, kind, c.id, kind.value(1), { is_preferred: false });
    expect(first.is_preferred).toBe(true);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("adding one with is_preferred true un-prefers the others", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await expectAdded(t.key, kind, c.id, kind.value(1));
    await expectAdded(t.key, kind, c.id, kind.value(2));
    const third = await expectAdded(t.key, kind, c.id, kind.value(3), { is_preferred: true });
    expect(third.is_preferred).toBe(true);
    const contact = await expectPreferred(t.key, kind, c.id, third.id);
    expect(contact[kind.plural].find((e: { id: string }) => e.id === first.id).is_preferred).toBe(false);
  });

  it("PUT is_preferred true un-prefers the others", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await expectAdded(t.key, kind, c.id, kind.value(1));
    const second = await expectAdded(t.key, kind, c.id, kind.value(2));
    await expectAdded(t.key, kind, c.id, kind.value(3));
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
    const first = await expectAdded(t.key, kind, c.id, kind.value(1));
    const second = await expectAdded(t.key, kind, c.id, kind.value(2));
    const third = await expectAdded(t.key, kind, c.id, kind.value(3), { is_preferred: true });
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
    const first = await expectAdded(t.key, kind, c.id, kind.value(1));
    const second = await expectAdded(t.key, kind, c.id, kind.value(2));
    const same = await expectJson(t.key, "PUT", entryPath(kind, c.id, second.id), { is_preferred: false }, 200);
    expect(same).toEqual(second);
    await expectPreferred(t.key, kind, c.id, first.id);
  });

  it("deleting the preferred one makes the oldest remaining one preferred", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const first = await expectAdded(t.key, kind, c.id, kind.value(1));
    const second = await expectAdded(t.key, kind, c.id, kind.value(2));
    const third = await expectAdded(t.key, kind, c.id, kind.value(3));
    const fourth = await expectAdded(t.key, kind, c.id, kind.value(4), { is_preferred: true });

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
    const only = await expectAdded(t.key, kind, c.id, kind.value(1), { label: "Only" });
    const error = await expectError(
      await send(t.key, "PUT", entryPath(kind, c.id, only.id), { is_preferred: false, label: "Changed" }),
      400,
      "validation_failed",
    );
    expect(error.issues?.map((i) => i.path)).toEqual([["is_preferred"]]);
    const contact = await expectPreferred(t.key, kind, c.id, only.id);
    expect(contact[kind.plural]).toEqual([only]);
  });

  it("a contact created with several keeps exactly one preferred through adds, updates and deletes", async () => {
    const t = await newTenant();
    const c = await createContact(t.key, {
      first_name: "Ada",
      [kind.plural]: [{ [kind.field]: kind.value(1) }, { [kind.field]: kind.value(2), is_preferred: true }],
    });
    const [first, second] = c[kind.plural];
    await expectPreferred(t.key, kind, c.id, second.id);
    const third = await expectAdded(t.key, kind, c.id, kind.value(3));
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
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(i) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const contact = await getContact(t.key, c.id);
    expect(contact[kind.plural]).toHaveLength(10);
    expect(contact[kind.plural].filter((e: { is_preferred: boolean }) => e.is_preferred)).toHaveLength(1);
  });
});

describe("search follows phones and emails", () => {
  it("adding a phone makes the contact findable by its digits in any format; deleting it makes it unfindable", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    expect(await searchIds(t.key, "415 555 2671")).toEqual([]);
    const phone = await expectAdded(t.key, phones, c.id, "(415) 555-2671");
    for (const q of ["415 555 2671", "(415) 555-2671", "+14155552671", "5552671", "555-26"])
      expect(await searchIds(t.key, q)).toEqual([c.id]);
    expect((await send(t.key, "DELETE", entryPath(phones, c.id, phone.id))).status).toBe(204);
    expect(await searchIds(t.key, "415 555 2671")).toEqual([]);
    expect(await searchIds(t.key, "5552671")).toEqual([]);
  });

  it("updating a phone's number updates search", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectAdded(t.key, phones, c.id, "+14155552671");
    await expectJson(t.key, "PUT", entryPath(phones, c.id, phone.id), { phone_number: "+44 20 7183 8750" }, 200);
    expect(await searchIds(t.key, "4155552671")).toEqual([]);
    expect(await searchIds(t.key, "20 7183 8750")).toEqual([c.id]);
    expect(await searchIds(t.key, "020 7183 8750")).toEqual([c.id]); // the national form
    // A label change leaves search as it is.
    await expectJson(t.key, "PUT", entryPath(phones, c.id, phone.id), { label: "London" }, 200);
    expect(await searchIds(t.key, "7183 8750")).toEqual([c.id]);
  });

  it("adding, changing and deleting an email updates search", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await expectAdded(t.key, emails, c.id, "Countess@Example.com");
    expect(await searchIds(t.key, "COUNTESS@")).toEqual([c.id]);
    await expectJson(t.key, "PUT", entryPath(emails, c.id, email.id), { email: "ada@analytical.org" }, 200);
    expect(await searchIds(t.key, "countess")).toEqual([]);
    expect(await searchIds(t.key, "analytical")).toEqual([c.id]);
    expect((await send(t.key, "DELETE", entryPath(emails, c.id, email.id))).status).toBe(204);
    expect(await searchIds(t.key, "analytical")).toEqual([]);
  });

  it("a phone in another organization is not found by my search", async () => {
    const t = await newTenant();
    const u = await newTenant();
    const theirs = await newContact(u);
    await expectAdded(u.key, phones, theirs.id, "+14155552671");
    expect(await searchIds(t.key, "4155552671")).toEqual([]);
    expect(await searchIds(u.key, "4155552671")).toEqual([theirs.id]);
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
    const phone = await expectAdded(t.key, phones, c.id, "+14155552671");
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
    const phone = await expectAdded(t.key, phones, a.id, "+14155552671");
    await expectAdded(t.key, emails, a.id, "ada@example.com");
    expect((await send(t.key, "DELETE", contactPath(a.id))).status).toBe(204);
    await expectNotFound(await send(t.key, "PUT", entryPath(phones, a.id, phone.id), { label: "x" }));
    const b = await newContact(t, "B");
    await expectAdded(t.key, phones, b.id, "+14155552671");
    await expectAdded(t.key, emails, b.id, "ADA@example.com");
  });
});
