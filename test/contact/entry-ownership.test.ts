import { describe, expect, it } from "vitest";
import {
  entriesPath,
  entryPath,
  expectAdded,
  expectNotFound,
  expectPreferred,
  kinds,
  newContact,
} from "../support/entry-helpers";
import {
  anonymous,
  bearer,
  createContact,
  expectError,
  expectJson,
  getContact,
  NO_SUCH_ID,
  newTenant,
  send,
} from "../support/helpers";

/*
 * Who may hold and touch a phone or an email: one contact per value in an organization, never
 * another organization's contact or entry (a 404 that gives no hint), never without credentials.
 * Every test has a tenant of its own.
 */

describe.each(kinds)("$plural: one owner per organization", (kind) => {
  it("adding a value another contact holds (in any format) is a 409 with existing_contact_id", async () => {
    const t = await newTenant();
    const holder = await newContact(t, "Holder");
    const other = await newContact(t, "Other");
    const held = await expectAdded(t.key, kind, holder.id, kind.value(1));
    for (const value of [kind.value(1), kind.otherFormat(kind.value(1))]) {
      const error = await expectError(
        await send(t.key, "POST", entriesPath(kind, other.id), { [kind.field]: value }),
        409,
        "conflict",
      );
      expect(error.existing_contact_id).toBe(holder.id);
    }
    expect((await getContact(t.key, other.id))[kind.plural]).toEqual([]);
    expect((await getContact(t.key, holder.id))[kind.plural]).toEqual([held]);
  });

  it("changing a value to one another contact holds (in any format) is a 409 with existing_contact_id", async () => {
    const t = await newTenant();
    const holder = await newContact(t, "Holder");
    const other = await newContact(t, "Other");
    await expectAdded(t.key, kind, holder.id, kind.value(1));
    const mine = await expectAdded(t.key, kind, other.id, kind.value(2), { label: "Mine" });
    for (const value of [kind.value(1), kind.otherFormat(kind.value(1))]) {
      const error = await expectError(
        await send(t.key, "PUT", entryPath(kind, other.id, mine.id), { [kind.field]: value, label: "Stolen" }),
        409,
        "conflict",
      );
      expect(error.existing_contact_id).toBe(holder.id);
    }
    expect((await getContact(t.key, other.id))[kind.plural]).toEqual([mine]);
  });

  it("a PUT that conflicts changes nothing, not even the preference it asked for", async () => {
    const t = await newTenant();
    const holder = await newContact(t, "Holder");
    const other = await newContact(t, "Other");
    await expectAdded(t.key, kind, holder.id, kind.value(1));
    const first = await expectAdded(t.key, kind, other.id, kind.value(2));
    const second = await expectAdded(t.key, kind, other.id, kind.value(3), { label: "Second" });
    const error = await expectError(
      await send(t.key, "PUT", entryPath(kind, other.id, second.id), {
        [kind.field]: kind.value(1),
        label: "x",
        is_preferred: true,
      }),
      409,
      "conflict",
    );
    expect(error.existing_contact_id).toBe(holder.id);
    expect((await expectPreferred(t.key, kind, other.id, first.id))[kind.plural]).toEqual([first, second]);
  });

  it("adding a value the same contact already holds is a 409 naming that contact", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const held = await expectAdded(t.key, kind, c.id, kind.value(1));
    const error = await expectError(
      await send(t.key, "POST", entriesPath(kind, c.id), {
        [kind.field]: kind.otherFormat(kind.value(1)),
        is_preferred: true,
      }),
      409,
      "conflict",
    );
    expect(error.existing_contact_id).toBe(c.id);
    // The failed add did not take the preference away: the batch is all or nothing.
    expect((await expectPreferred(t.key, kind, c.id, held.id))[kind.plural]).toEqual([held]);
  });

  it("the same value in another organization is accepted", async () => {
    const t = await newTenant();
    const u = await newTenant();
    const mine = await newContact(t);
    const theirs = await newContact(u);
    await expectAdded(t.key, kind, mine.id, kind.value(1));
    const entry = await expectAdded(u.key, kind, theirs.id, kind.otherFormat(kind.value(1)));
    expect(entry[kind.field]).toBe(kind.value(1));
    // And changing a value to one held in another organization too.
    const second = await expectAdded(t.key, kind, mine.id, kind.value(2));
    await expectJson(u.key, "PUT", entryPath(kind, theirs.id, entry.id), { [kind.field]: kind.value(2) }, 200);
    expect((await getContact(t.key, mine.id))[kind.plural].map((e: Record<string, string>) => e[kind.field])).toEqual([
      kind.value(1),
      second[kind.field],
    ]);
  });

  it("10 parallel adds of the same new value to one contact: one 201, the others 409, one preferred", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(7) })),
    );
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
    const theirs = await createContact(u.key, {
      first_name: "Theirs",
      [kind.plural]: [{ [kind.field]: kind.value(9), label: "Theirs" }],
    });
    return { t, u, mine, theirs, theirEntry: theirs[kind.plural][0] };
  }

  it("a contact of another organization is a 404 on POST, PUT and DELETE, and is left alone", async () => {
    const { t, u, theirs, theirEntry } = await twoOrganizations();
    const random = await expectNotFound(
      await send(t.key, "POST", entriesPath(kind, NO_SUCH_ID), { [kind.field]: kind.value(1) }),
    );
    const foreign = await expectNotFound(
      await send(t.key, "POST", entriesPath(kind, theirs.id), { [kind.field]: kind.value(1) }),
    );
    expect(foreign.message).toBe(random.message); // no hint that it exists elsewhere
    await expectNotFound(
      await send(t.owner, "POST", entriesPath(kind, theirs.id), { [kind.field]: kind.value(1), is_preferred: true }),
    );
    await expectNotFound(
      await send(t.key, "PUT", entryPath(kind, theirs.id, theirEntry.id), { label: "Hijacked", is_preferred: false }),
    );
    await expectNotFound(await send(t.key, "DELETE", entryPath(kind, theirs.id, theirEntry.id)));
    expect(await getContact(u.key, theirs.id)).toEqual(theirs);
  });

  it("an entry of another organization under my contact's path is a 404, and is left alone", async () => {
    const { t, u, mine, theirs, theirEntry } = await twoOrganizations();
    const mineEntry = await expectAdded(t.key, kind, mine.id, kind.value(1));
    const random = await expectNotFound(await send(t.key, "PUT", entryPath(kind, mine.id, NO_SUCH_ID), { label: "x" }));
    const foreign = await expectNotFound(
      await send(t.key, "PUT", entryPath(kind, mine.id, theirEntry.id), { label: "Hijacked" }),
    );
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
    const aEntry = await expectAdded(t.key, kind, a.id, kind.value(1));
    const bEntry = await expectAdded(t.key, kind, b.id, kind.value(2), { label: "B's" });
    const bBefore = await getContact(t.key, b.id);
    const random = await expectNotFound(await send(t.key, "DELETE", entryPath(kind, a.id, NO_SUCH_ID)));
    const foreign = await expectNotFound(await send(t.key, "DELETE", entryPath(kind, a.id, bEntry.id)));
    expect(foreign.message).toBe(random.message);
    await expectNotFound(
      await send(t.key, "PUT", entryPath(kind, a.id, bEntry.id), { label: "Moved", is_preferred: true }),
    );
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
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    await expectError(
      await send(anonymous, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(2) }),
      401,
      "unauthenticated",
    );
    await expectError(
      await send(anonymous, "PUT", entryPath(kind, c.id, entry.id), { label: "x" }),
      401,
      "unauthenticated",
    );
    await expectError(await send(anonymous, "DELETE", entryPath(kind, c.id, entry.id)), 401, "unauthenticated");
    await expectError(
      await send({ headers: { "x-api-key": "cik_not-a-key" } }, "DELETE", entryPath(kind, c.id, entry.id)),
      401,
      "unauthenticated",
    );
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a revoked API key is a 401 at once", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    const { data: keys } = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
    expect(keys).toHaveLength(1);
    expect((await send(t.owner, "DELETE", `/api/api-keys/${keys[0].id}`)).status).toBe(204);
    await expectError(
      await send(t.key, "POST", entriesPath(kind, c.id), { [kind.field]: kind.value(2) }),
      401,
      "unauthenticated",
    );
    await expectError(
      await send(bearer(t), "PUT", entryPath(kind, c.id, entry.id), { label: "x" }),
      401,
      "unauthenticated",
    );
    await expectError(await send(t.key, "DELETE", entryPath(kind, c.id, entry.id)), 401, "unauthenticated");
    expect((await getContact(t.owner, c.id))[kind.plural]).toEqual([entry]);
  });
});
