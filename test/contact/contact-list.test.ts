import { beforeAll, describe, expect, it } from "vitest";
import {
  type Caller,
  createContact,
  expectJson,
  freshEmail,
  listAllIds,
  newTenant,
  searchIds,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * GET /api/contacts: search by name, email and phone digits, and walking the list page by page
 * while contacts come and go. Each describe counts a tenant of its own.
 */

/** Another organization, whose contacts must never show up. */
let b: Tenant;

beforeAll(async () => {
  b = await newTenant();
});

const listAll = (caller: Caller, query = "", limit = 200) => listAllIds(caller, "/api/contacts", query, limit);

describe("search", () => {
  let t: Tenant;
  let ada: { id: string };
  let bob: { id: string };
  let odd: { id: string };

  beforeAll(async () => {
    t = await newTenant();
    ada = await createContact(t.key, {
      first_name: "Ada",
      last_name: "Lovelace",
      phones: [{ phone_number: "+15551234567" }],
      emails: [{ email: "countess@analytical.example" }],
    });
    bob = await createContact(t.key, {
      first_name: "Bob",
      last_name: "Builder",
      phones: [{ phone_number: "+442071838750" }],
      emails: [{ email: "bob@site.example" }],
    });
    odd = await createContact(t.key, { first_name: '50%_off "deal"', last_name: "Zed" });
    // The same names and number elsewhere must never show up.
    await createContact(b.key, {
      first_name: "Ada",
      last_name: "Lovelace",
      emails: [{ email: freshEmail("countess") }],
    });
  });

  const ids = async (q: string) => await searchIds(t.key, q);

  it.each(["ada", "ADA", "lovelace", "Love", "ada love", "velac"])(
    "finds a name by a case-insensitive substring: %s",
    async (q) => {
      expect(await ids(q)).toEqual([ada.id]);
    },
  );

  it.each(["countess", "COUNTESS@ANALYTICAL", "analytical.example", "@site."])(
    "finds an email by a substring: %s",
    async (q) => {
      const found = await ids(q);
      expect(found).toHaveLength(1);
      expect([ada.id, bob.id]).toContain(found[0]);
    },
  );

  it.each([
    "555 123",
    "(555) 123-45",
    "+1 555",
    "555-123-4567",
    "5551234567",
    "+15551234567",
    "1234567",
    "+1 (555) 123",
  ])("finds a phone by its digits in any format: %s", async (q) => {
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

  it('a query with %, _ and " characters is taken literally', async () => {
    for (const q of ["%", "_", '"', "%_", '"deal"', '%_off "', '50%_off "deal"'])
      expect(await ids(q), q).toEqual([odd.id]);
    for (const q of ["%x", "_x", '"x', 'a"b%c_d']) expect(await ids(q), q).toEqual([]);
  });

  it("a query matching nothing is an empty page", async () => {
    expect(await expectJson(t.key, "GET", "/api/contacts?q=nobody-here", undefined, 200)).toEqual({
      data: [],
      next_cursor: null,
      search: { complete: true },
    });
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
    for (let i = 0; i < 3; i++)
      more.push(await createContact(t.key, { first_name: "Paginated", last_name: `Searchee${i}` }));
    const first = await expectJson(t.key, "GET", "/api/contacts?q=searchee&limit=2", undefined, 200);
    expect(first.data.map((c: { id: string }) => c.id)).toEqual([more[2]!.id, more[1]!.id]);
    const second = await expectJson(
      t.key,
      "GET",
      `/api/contacts?q=searchee&limit=2&cursor=${first.next_cursor}`,
      undefined,
      200,
    );
    expect(second).toEqual({
      data: [expect.objectContaining({ id: more[0]!.id })],
      next_cursor: null,
      search: { complete: true },
    });
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
      const res: { data: { id: string }[]; next_cursor: string | null } = await expectJson(
        t.owner,
        "GET",
        `/api/contacts?limit=10${cursor ? `&cursor=${cursor}` : ""}`,
        undefined,
        200,
      );
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
      const res: { data: { id: string }[]; next_cursor: string | null } = await expectJson(
        t.key,
        "GET",
        `/api/contacts?limit=10${cursor ? `&cursor=${cursor}` : ""}`,
        undefined,
        200,
      );
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
