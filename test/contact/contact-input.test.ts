import { beforeAll, describe, expect, it } from "vitest";
import {
  type Caller,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  freshNumber,
  listAllIds,
  NO_SUCH_ID,
  newTenant,
  searchIds,
  send,
  sendRaw,
  type Tenant,
} from "../support/helpers";

/*
 * What POST and PUT /api/contacts, merges and the list refuse: fields at their path, bodies that
 * are not JSON objects, the wrong content type or size, bad ids and list queries.
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

const listAll = (caller: Caller, query = "", limit = 200) => listAllIds(caller, "/api/contacts", query, limit);

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
      [
        "phone_number a carrier placeholder",
        { phones: [{ phone_number: "+266696687" }] },
        ["phones", 0, "phone_number"],
      ],
      ["phone_number empty", { phones: [{ phone_number: "" }] }, ["phones", 0, "phone_number"]],
      [
        "phone_number with a control character",
        { phones: [{ phone_number: "+1555\u00071234567" }] },
        ["phones", 0, "phone_number"],
      ],
      [
        "a second phone invalid",
        { phones: [{ phone_number: "+15559990000" }, { phone_number: "12" }] },
        ["phones", 1, "phone_number"],
      ],
      [
        "a phone label of the wrong type",
        { phones: [{ phone_number: "+15559990001", label: 5 }] },
        ["phones", 0, "label"],
      ],
      [
        "a phone label over 50 characters",
        { phones: [{ phone_number: "+15559990002", label: long(51) }] },
        ["phones", 0, "label"],
      ],
      [
        "a phone label with a newline",
        { phones: [{ phone_number: "+15559990003", label: "Mo\nbile" }] },
        ["phones", 0, "label"],
      ],
      [
        "is_preferred of the wrong type",
        { phones: [{ phone_number: "+15559990004", is_preferred: "true" }] },
        ["phones", 0, "is_preferred"],
      ],
      [
        "an unknown field of a phone",
        { phones: [{ phone_number: "+15559990005", contact_id: NO_SUCH_ID }] },
        ["phones", 0, "contact_id"],
      ],
      [
        "more than 20 phones",
        { phones: Array.from({ length: 21 }, (_, i) => ({ phone_number: `+1555888${String(i).padStart(4, "0")}` })) },
        ["phones"],
      ],
      ["emails not a list", { emails: "ada@example.com" }, ["emails"]],
      ["an email of the wrong type", { emails: [{ email: 5 }] }, ["emails", 0, "email"]],
      ["an email without an address", { emails: [{ label: "Work" }] }, ["emails", 0, "email"]],
      ["an invalid email", { emails: [{ email: "not-an-email" }] }, ["emails", 0, "email"]],
      ["an email without a domain", { emails: [{ email: "ada@" }] }, ["emails", 0, "email"]],
      ["an email with a space inside", { emails: [{ email: "ada love@example.com" }] }, ["emails", 0, "email"]],
      ["an email with a control character", { emails: [{ email: "ada\u0007@example.com" }] }, ["emails", 0, "email"]],
      ["an email over 254 characters", { emails: [{ email: longEmail }] }, ["emails", 0, "email"]],
      [
        "an email label of the wrong type",
        { emails: [{ email: "x1@example.com", label: true }] },
        ["emails", 0, "label"],
      ],
      [
        "an email label over 50 characters",
        { emails: [{ email: "x2@example.com", label: long(51) }] },
        ["emails", 0, "label"],
      ],
      [
        "an email label with a control character",
        { emails: [{ email: "x3@example.com", label: "Wo\u0007rk" }] },
        ["emails", 0, "label"],
      ],
      [
        "an email is_preferred of the wrong type",
        { emails: [{ email: "x4@example.com", is_preferred: 1 }] },
        ["emails", 0, "is_preferred"],
      ],
      [
        "an unknown field of an email",
        { emails: [{ email: "x5@example.com", source: "enrichment" }] },
        ["emails", 0, "source"],
      ],
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
      const created = await createContact(a.key, {
        first_name: long(100),
        last_name: long(100),
        phones: [{ phone_number: freshNumber(), label: long(50) }],
      });
      expect(created.first_name).toHaveLength(100);
      expect(created.phones[0].label).toHaveLength(50);
    });

    it("nothing at all is a 400", async () => {
      await expectError(await send(a.key, "POST", "/api/contacts", {}), 400, "validation_failed");
      await expectError(
        await send(a.key, "POST", "/api/contacts", { phones: [], emails: [] }),
        400,
        "validation_failed",
      );
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
      await expectError(
        await sendRaw(a.key, "POST", "/api/contacts", '{"first_name": "Ada"', "application/json"),
        400,
        "validation_failed",
      );
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectError(
        await sendRaw(a.key, "PUT", `/api/contacts/${id}`, "{first_name: 'x'}", "application/json"),
        400,
        "validation_failed",
      );
      await expectError(
        await sendRaw(a.key, "POST", `/api/contacts/${id}/merge`, "into=", "application/json"),
        400,
        "validation_failed",
      );
    });

    it("a JSON body sent as text/plain is a 415", async () => {
      const body = JSON.stringify({ first_name: "Plain" });
      await expectError(
        await sendRaw(a.key, "POST", "/api/contacts", body, "text/plain"),
        415,
        "unsupported_media_type",
      );
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectError(
        await sendRaw(a.key, "PUT", `/api/contacts/${id}`, body, "text/plain"),
        415,
        "unsupported_media_type",
      );
      await expectError(
        await sendRaw(a.key, "POST", `/api/contacts/${id}/merge`, JSON.stringify({ into: id }), "text/plain"),
        415,
        "unsupported_media_type",
      );
      await expectError(
        await sendRaw(a.key, "POST", "/api/contacts", "first_name=Form", "application/x-www-form-urlencoded"),
        415,
        "unsupported_media_type",
      );
      expect(await searchIds(a.key, "Plain")).toEqual([]);
    });

    it("application/json with a charset is fine", async () => {
      const res = await sendRaw(
        a.key,
        "POST",
        "/api/contacts",
        JSON.stringify({ first_name: "Charset" }),
        "application/json; charset=utf-8",
      );
      expect(res.status).toBe(201);
    });

    it("a body over 64 KiB is a 413", async () => {
      const body = JSON.stringify({ first_name: "Big", last_name: "x".repeat(65 * 1024) });
      await expectError(
        await sendRaw(a.key, "POST", "/api/contacts", body, "application/json"),
        413,
        "payload_too_large",
      );
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectError(
        await sendRaw(a.key, "PUT", `/api/contacts/${id}`, body, "application/json"),
        413,
        "payload_too_large",
      );
    });

    it("an id that is not a UUID is a 400", async () => {
      await expectIssue(await send(a.key, "GET", "/api/contacts/not-an-id"), ["id"]);
      await expectIssue(await send(a.key, "POST", `/api/contacts/${NO_SUCH_ID}/merge`, { into: "not-an-id" }), [
        "into",
      ]);
    });

    it("merge without into, or with more, is a 400", async () => {
      const { id } = await createContact(a.key, { first_name: "Ada" });
      await expectIssue(await send(a.key, "POST", `/api/contacts/${id}/merge`, {}), ["into"]);
      await expectIssue(await send(a.key, "POST", `/api/contacts/${id}/merge`, { into: 5 }), ["into"]);
      await expectIssue(await send(a.key, "POST", `/api/contacts/${id}/merge`, { into: NO_SUCH_ID, first_name: "x" }), [
        "first_name",
      ]);
    });
  });

  describe("list query", () => {
    it.each(["0", "201", "x", "-1", "1.5", ""])("limit=%s is a 400", async (limit) => {
      await expectIssue(await send(a.key, "GET", `/api/contacts?limit=${limit}`), ["limit"]);
    });

    it.each(["garbage", "djE6", btoa("v2:5"), btoa("v1:-3"), "%%%", "x".repeat(65)])(
      "cursor=%s is a 400",
      async (cursor) => {
        await expectIssue(await send(a.key, "GET", `/api/contacts?cursor=${encodeURIComponent(cursor)}`), ["cursor"]);
      },
    );

    it("a q over 100 characters is a 400", async () => {
      await expectIssue(await send(a.key, "GET", `/api/contacts?q=${"a".repeat(101)}`), ["q"]);
    });

    it("limits of 1 and 200 are fine", async () => {
      expect((await expectJson(a.key, "GET", "/api/contacts?limit=1", undefined, 200)).data).toHaveLength(1);
      await expectJson(a.key, "GET", "/api/contacts?limit=200", undefined, 200);
    });
  });
});
