import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createContact,
  expectError,
  expectIssue,
  expectJson,
  freshEmail,
  freshNumber,
  NO_SUCH_ID,
  newTenant,
  searchIds,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * POST /api/contacts/{id}/merge and GET /api/contacts/{id}/duplicates: what a merge moves and
 * keeps, and which contacts are suggested as the same person. Storage is shared by the tests of
 * this file: each test makes its own contacts with numbers and emails of its own.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

const preferredOf = (entries: { is_preferred: boolean }[]) => entries.filter((e) => e.is_preferred);

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
    expect(merged).toMatchObject({
      id: target.id,
      first_name: "Augusta",
      last_name: "King",
      is_stub: false,
      created_at: target.created_at,
    });
    expect(merged.phones.map((p: { phone_number: string }) => p.phone_number).sort()).toEqual(
      [targetPhone, sourcePhone1, sourcePhone2].sort(),
    );
    expect(preferredOf(merged.phones).map((p: any) => p.phone_number)).toEqual([targetPhone]);
    // The target had no email: the source's preferred one stays preferred, and only it.
    expect(merged.emails.map((e: { email: string }) => e.email).sort()).toEqual([sourceEmail1, sourceEmail2].sort());
    expect(preferredOf(merged.emails).map((e: any) => e.email)).toEqual([sourceEmail2]);
    // Moved entries keep their ids.
    expect(merged.phones.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(source.phones.map((p: { id: string }) => p.id)),
    );

    await expectError(await send(a.key, "GET", `/api/contacts/${source.id}`), 404, "not_found");
    expect(await expectJson(a.key, "GET", `/api/contacts/${target.id}`, undefined, 200)).toEqual(merged);
  });

  it("the target's preferred email wins over the source's", async () => {
    const [mine, theirs] = [freshEmail(), freshEmail()];
    const target = await createContact(a.key, { emails: [{ email: mine }] });
    const source = await createContact(a.key, { emails: [{ email: theirs }] });
    const merged = await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect(merged.emails.map((e: any) => [e.email, e.is_preferred])).toEqual([
      [mine, true],
      [theirs, false],
    ]);
  });

  it("the target's non-empty names win; a stub target takes both names", async () => {
    const named = await createContact(a.key, { first_name: "Kept", last_name: "Names" });
    const other = await createContact(a.key, { first_name: "Lost", last_name: "Names2" });
    expect(await expectJson(a.key, "POST", `/api/contacts/${other.id}/merge`, { into: named.id }, 200)).toMatchObject({
      first_name: "Kept",
      last_name: "Names",
    });

    const stub = await createContact(a.key, { phones: [{ phone_number: freshNumber() }] });
    const donor = await createContact(a.key, { first_name: "Given", last_name: "Later" });
    expect(await expectJson(a.key, "POST", `/api/contacts/${donor.id}/merge`, { into: stub.id }, 200)).toMatchObject({
      first_name: "Given",
      last_name: "Later",
      is_stub: false,
    });
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
    const source = await createContact(a.key, {
      phones: [{ phone_number: number }],
      emails: [{ email: "moved.mail@merge.example" }],
    });
    await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    expect(await searchIds(a.key, number.slice(2))).toEqual([target.id]);
    expect(await searchIds(a.key, number.slice(5))).toEqual([target.id]);
    expect(await searchIds(a.key, "moved.mail@merge")).toEqual([target.id]);
  });

  it("a moved phone still belongs to one contact: adding it again is a 409 naming the target", async () => {
    const number = freshNumber();
    const target = await createContact(a.key, { first_name: "Holder" });
    const source = await createContact(a.key, { phones: [{ phone_number: number }] });
    await expectJson(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }, 200);
    const error = await expectError(
      await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: number }] }),
      409,
      "conflict",
    );
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
    await env.DB.prepare(
      "INSERT INTO contact_duplicate (organization_id, contact_id, duplicate_contact_id, reason, created_at) " +
        "VALUES (?, ?, ?, 'email', ?)",
    )
      .bind(organizationId, contactId, duplicateContactId, Date.now())
      .run();
  }

  it("suggests another contact with the same first and last name, whatever the case", async () => {
    const one = await createContact(a.key, { first_name: "Charles", last_name: "Babbage-Dupe" });
    const two = await createContact(a.key, {
      first_name: "CHARLES",
      last_name: "babbage-dupe",
      phones: [{ phone_number: freshNumber() }],
    });
    await createContact(a.key, { first_name: "Charles", last_name: "Babbage-Other" });
    await createContact(a.key, { first_name: "Charlie", last_name: "Babbage-Dupe" });
    expect(await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).toEqual({
      data: [{ contact: two, reason: "name", unverified: false }],
    });
    const back = await expectJson(a.owner, "GET", `/api/contacts/${two.id}/duplicates`, undefined, 200);
    expect(back.data).toEqual([
      { contact: expect.objectContaining({ id: one.id }), reason: "name", unverified: false },
    ]);
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
    expect(await expectJson(a.key, "GET", `/api/contacts/${stub.id}/duplicates`, undefined, 200)).toEqual({
      data: [{ contact: holder, reason: "email", unverified: true }],
    });
    expect(await expectJson(a.key, "GET", `/api/contacts/${holder.id}/duplicates`, undefined, 200)).toEqual({
      data: [{ contact: stub, reason: "email", unverified: true }],
    });
  });

  it("a name suggestion rests on a caller's word (unverified) when either name was heard on a call", async () => {
    const named = await createContact(a.key, { first_name: "Grace", last_name: "Hopper-Claimed" });
    const number = freshNumber();
    const ring = await expectJson(a.key, "POST", "/api/calls/inbound", { from: number }, 201);
    // What enrichment does when the caller says "my name is Grace Hopper-Claimed".
    await env.DB.prepare(
      "UPDATE contact SET first_name = 'Grace', last_name = 'Hopper-Claimed', enriched_at = ?, " +
        "enriched_from_call_id = ? WHERE id = ?",
    )
      .bind(Date.now(), ring.call_id, ring.contact.id)
      .run();
    const onNamed = await expectJson(a.key, "GET", `/api/contacts/${named.id}/duplicates`, undefined, 200);
    expect(onNamed.data).toEqual([
      { contact: expect.objectContaining({ id: ring.contact.id }), reason: "name", unverified: true },
    ]);
    const onHeard = await expectJson(a.key, "GET", `/api/contacts/${ring.contact.id}/duplicates`, undefined, 200);
    expect(onHeard.data).toEqual([{ contact: named, reason: "name", unverified: true }]);
  });

  it("a contact suggested for both reasons is listed once, for email", async () => {
    const one = await createContact(a.key, { first_name: "Both", last_name: "Reasons" });
    const two = await createContact(a.key, { first_name: "Both", last_name: "Reasons" });
    await suggestEmailDuplicate(a.organizationId, one.id, two.id);
    expect(await expectJson(a.key, "GET", `/api/contacts/${one.id}/duplicates`, undefined, 200)).toEqual({
      data: [{ contact: two, reason: "email", unverified: true }],
    });
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
    expect(await expectJson(a.key, "GET", `/api/contacts/${three.id}/duplicates`, undefined, 200)).toEqual({
      data: [],
    });
  });

  it("a missing contact is a 404", async () => {
    await expectError(await send(a.key, "GET", `/api/contacts/${NO_SUCH_ID}/duplicates`), 404, "not_found");
  });
});
