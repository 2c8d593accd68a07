import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ENTRIES_PER_CONTACT } from "../../src/mods/contact/types/contact";
import { expectAdded, type Kind, kinds, phones } from "../support/entry-helpers";
import {
  createContact,
  expectIssue,
  expectJson,
  freshNumber,
  getContact,
  newTenant,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * A contact holds at most 20 phones and 20 emails, on every write path (contract, Contacts): a
 * new contact's lists, adding one, merging two, enrichment hearing an email. A 21st is a 400 and
 * changes nothing, and two concurrent adds cannot make one more. (Found: the cap held on create
 * only; a contact took 1,500 phones.)
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

/** A contact holding `count` entries of the kind (a new contact's list takes up to 20 at once). */
async function contactWith(kind: Kind, count: number, first_name = "Full") {
  const entries = Array.from({ length: count }, () => ({ [kind.field]: kind.fresh() }));
  return createContact(a.key, { first_name, [kind.plural]: entries });
}

describe.each(kinds)("the cap on $plural", (kind) => {
  const value = kind.fresh;

  it(`a new contact takes ${MAX_ENTRIES_PER_CONTACT}, not more`, async () => {
    const full = await contactWith(kind, MAX_ENTRIES_PER_CONTACT);
    expect(full[kind.plural]).toHaveLength(MAX_ENTRIES_PER_CONTACT);
    const over = Array.from({ length: MAX_ENTRIES_PER_CONTACT + 1 }, () => ({ [kind.field]: value() }));
    await expectIssue(await send(a.key, "POST", "/api/contacts", { [kind.plural]: over }), [kind.plural]);
  });

  it("adding a 21st is a 400 that changes nothing, preference included", async () => {
    const full = await contactWith(kind, MAX_ENTRIES_PER_CONTACT);
    const extra = value();
    const res = await send(a.key, "POST", `/api/contacts/${full.id}/${kind.plural}`, {
      [kind.field]: extra,
      is_preferred: true,
    });
    const error = await expectIssue(res, [kind.field]);
    expect(error.message).toContain(`at most ${MAX_ENTRIES_PER_CONTACT} ${kind.plural}`);
    expect(await getContact(a.key, full.id)).toEqual(full);
    // The value was not taken either: another contact may hold it.
    await expectAdded(a.key, kind, (await createContact(a.key, { first_name: "Other" })).id, extra);
  });

  it("after deleting one, one can be added again", async () => {
    const full = await contactWith(kind, MAX_ENTRIES_PER_CONTACT);
    const first = full[kind.plural][0];
    expect((await send(a.key, "DELETE", `/api/contacts/${full.id}/${kind.plural}/${first.id}`)).status).toBe(204);
    await expectAdded(a.key, kind, full.id, value());
    await expectIssue(await send(a.key, "POST", `/api/contacts/${full.id}/${kind.plural}`, { [kind.field]: value() }), [
      kind.field,
    ]);
  });

  it("concurrent adds to a contact one short of the cap: exactly one succeeds", async () => {
    const almost = await contactWith(kind, MAX_ENTRIES_PER_CONTACT - 1);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        send(a.key, "POST", `/api/contacts/${almost.id}/${kind.plural}`, { [kind.field]: value() }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 400, 400, 400]);
    expect((await getContact(a.key, almost.id))[kind.plural]).toHaveLength(MAX_ENTRIES_PER_CONTACT);
  });

  it("a merge that would give the target a 21st is a 400 that changes nothing", async () => {
    const target = await contactWith(kind, MAX_ENTRIES_PER_CONTACT - 1, "Target");
    const source = await contactWith(kind, 2, "Source");
    const res = await send(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id });
    const error = await expectIssue(res, ["into"]);
    expect(error.message).toContain(`at most ${MAX_ENTRIES_PER_CONTACT} ${kind.plural}`);
    expect(await getContact(a.key, target.id)).toEqual(target);
    expect(await getContact(a.key, source.id)).toEqual(source);
  });

  it("a merge up to exactly 20 goes through", async () => {
    const target = await contactWith(kind, MAX_ENTRIES_PER_CONTACT - 2, "Target");
    const source = await contactWith(kind, 2, "Source");
    const merged = await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect(merged[kind.plural]).toHaveLength(MAX_ENTRIES_PER_CONTACT);
  });
});

describe("the cap in the database", () => {
  it("holds for a write that bypasses the services, too", async () => {
    const full = await contactWith(phones, MAX_ENTRIES_PER_CONTACT);
    const insert = env.DB.prepare(
      `INSERT INTO contact_phone (id, organization_id, contact_id, phone_number, search_digits, created_at)
       VALUES (?, ?, ?, ?, '', 0)`,
    ).bind(crypto.randomUUID(), a.organizationId, full.id, freshNumber());
    await expect(insert.run()).rejects.toThrow(/entry cap exceeded: contact_phone/);
  });
});
