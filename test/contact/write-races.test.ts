import { beforeAll, describe, expect, it } from "vitest";
import { expectAdded, kinds } from "../support/entry-helpers";
import {
  createContact,
  expectError,
  expectStatus,
  freshEmail,
  freshNumber,
  getContact,
  listAllIds,
  newTenant,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * Concurrent writes that lose a race answer 404 or 409, never 500, and nothing is lost. (Found:
 * racing PUT and DELETE of one phone, and opposing merges, were 500s.) Each race is run a few
 * times: which request wins is up to the database, and every order must hold.
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

const ROUNDS = 4;

describe.each(kinds)("racing writes to one of a contact's $plural", (kind) => {
  const value = kind.fresh;

  it("PUT and DELETE at once: the DELETE is a 204, the PUT a 200 or a 404, and the contact stays consistent", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const contact = await createContact(a.key, {
        first_name: "Racer",
        [kind.plural]: [{ [kind.field]: value() }, { [kind.field]: value() }],
      });
      const [kept, raced] = contact[kind.plural];
      const path = `/api/contacts/${contact.id}/${kind.plural}/${raced.id}`;
      const [put, del] = await Promise.all([
        send(a.key, "PUT", path, { [kind.field]: value(), label: "Work", is_preferred: true }),
        send(a.key, "DELETE", path),
      ]);
      expect(del.status).toBe(204);
      if (put.status === 404) await expectError(put, 404, "not_found");
      else expect(put.status, await put.clone().text()).toBe(200);
      // The entry is gone; the other one is still there and preferred, as the rules want.
      const after = await getContact(a.key, contact.id);
      expect(after[kind.plural].map((e: { id: string }) => e.id)).toEqual([kept.id]);
      expect(after[kind.plural][0].is_preferred).toBe(true);
    }
  });

  it("two DELETEs at once: one 204, one 404", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const contact = await createContact(a.key, { first_name: "Racer", [kind.plural]: [{ [kind.field]: value() }] });
      const path = `/api/contacts/${contact.id}/${kind.plural}/${contact[kind.plural][0].id}`;
      const answers = await Promise.all([send(a.key, "DELETE", path), send(a.key, "DELETE", path)]);
      expect(answers.map((r) => r.status).sort()).toEqual([204, 404]);
    }
  });

  it("adding one while the contact is deleted: a 201 or a 404, never a 500", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const contact = await createContact(a.key, { first_name: "Doomed" });
      const [add, del] = await Promise.all([
        send(a.key, "POST", `/api/contacts/${contact.id}/${kind.plural}`, { [kind.field]: value() }),
        send(a.key, "DELETE", `/api/contacts/${contact.id}`),
      ]);
      expect(del.status).toBe(204);
      expect([201, 404], await add.clone().text()).toContain(add.status);
    }
  });

  it("adding one that is then deleted, then updating it, is a 404", async () => {
    const contact = await createContact(a.key, { first_name: "Later" });
    const entry = await expectAdded(a.key, kind, contact.id, value());
    const path = `/api/contacts/${contact.id}/${kind.plural}/${entry.id}`;
    await expectStatus(await send(a.key, "DELETE", path), 204);
    await expectError(await send(a.key, "PUT", path, { label: "Home" }), 404, "not_found");
  });
});

describe("opposing merges", () => {
  it("A into B and B into A at once: one 200, one 404; one contact is left holding everything", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [phoneA, phoneB, emailA, emailB] = [freshNumber(), freshNumber(), freshEmail(), freshEmail()];
      const contactA = await createContact(a.key, {
        first_name: "Ada",
        phones: [{ phone_number: phoneA }],
        emails: [{ email: emailA }],
      });
      const contactB = await createContact(a.key, {
        last_name: "Lovelace",
        phones: [{ phone_number: phoneB }],
        emails: [{ email: emailB }],
      });
      const [aIntoB, bIntoA] = await Promise.all([
        send(a.key, "POST", `/api/contacts/${contactA.id}/merge`, { into: contactB.id }),
        send(a.key, "POST", `/api/contacts/${contactB.id}/merge`, { into: contactA.id }),
      ]);
      expect([aIntoB.status, bIntoA.status].sort()).toEqual([200, 404]);
      const [winner, loser] = aIntoB.status === 200 ? [aIntoB, bIntoA] : [bIntoA, aIntoB];
      await expectError(loser, 404, "not_found");
      const merged = await expectStatus(winner, 200);
      expect(merged.phones.map((p: { phone_number: string }) => p.phone_number).sort()).toEqual(
        [phoneA, phoneB].sort(),
      );
      expect(merged.emails.map((e: { email: string }) => e.email).sort()).toEqual([emailA, emailB].sort());
      expect(merged).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
      // Exactly one of the two is left, and it is the one answered.
      const ids = await listAllIds(a.key, "/api/contacts");
      expect([contactA.id, contactB.id].filter((id) => ids.includes(id))).toEqual([merged.id]);
      expect(await getContact(a.key, merged.id)).toEqual(merged);
    }
  });

  it("the same merge twice at once: one 200, one 404, and the source's entries are not lost", async () => {
    const phone = freshNumber();
    const source = await createContact(a.key, { first_name: "Source", phones: [{ phone_number: phone }] });
    const target = await createContact(a.key, { first_name: "Target" });
    const answers = await Promise.all([
      send(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }),
      send(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404]);
    const after = await getContact(a.key, target.id);
    expect(after.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([phone]);
  });

  it("merging into a contact deleted at the same time: a 200 or a 404, and the source is never lost with it", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const phone = freshNumber();
      const source = await createContact(a.key, { first_name: "Source", phones: [{ phone_number: phone }] });
      const target = await createContact(a.key, { first_name: "Target" });
      const [merge, del] = await Promise.all([
        send(a.key, "POST", `/api/contacts/${source.id}/merge`, { into: target.id }),
        send(a.key, "DELETE", `/api/contacts/${target.id}`),
      ]);
      expect(del.status).toBe(204);
      expect([200, 404], await merge.clone().text()).toContain(merge.status);
      if (merge.status === 404) {
        // The delete came first: the merge did nothing, and the source keeps its phone.
        expect((await getContact(a.key, source.id)).phones).toHaveLength(1);
      }
    }
  });
});
