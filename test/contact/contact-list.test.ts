import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  type Caller,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  expectStatus,
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
      total: 0,
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
    // The first page counts every match; the pages behind it count nothing.
    expect(first.total).toBe(3);
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
      total: null,
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

/*
 * kind (known | stub), sort (newest | name) and the first page's total. One organization holds a
 * mix of names that A to Z must get right: case, a last name alone, an accent, one name twice.
 */
describe("kind, sort and total", () => {
  let t: Tenant;
  /** The contacts by their name as shown (stubs as stub1, stub2 in creation order). */
  const c: Record<string, string> = {};
  /** What sort=name answers: A to Z ignoring ASCII case, ties oldest first, then the stubs newest first. */
  let byName: string[];
  /** The named contacts newest first, and the stubs. */
  let knownNewest: string[];
  let stubsNewest: string[];

  beforeAll(async () => {
    t = await newTenant();
    const made: [string, object][] = [
      ["Zed", { first_name: "Zed" }],
      ["Ada Lovelace", { first_name: "Ada", last_name: "Lovelace" }],
      ["stub1", { phones: [{ phone_number: "+15550100001" }] }],
      ["bob Builder", { first_name: "bob", last_name: "Builder" }],
      ["Curie", { last_name: "Curie" }],
      ["Émile Zola", { first_name: "Émile", last_name: "Zola" }],
      ["ada lovelace", { first_name: "ada", last_name: "lovelace" }],
      ["stub2", { emails: [{ email: freshEmail("stub") }] }],
      ["Ada Byron", { first_name: "Ada", last_name: "Byron" }],
    ];
    for (const [name, body] of made) c[name] = (await createContact(t.key, body)).id;
    byName = [
      "Ada Byron",
      "Ada Lovelace",
      "ada lovelace",
      "bob Builder",
      "Curie",
      "Zed",
      "Émile Zola",
      "stub2",
      "stub1",
    ].map((n) => c[n]!);
    const newest = made.map(([name]) => c[name]!).reverse();
    stubsNewest = [c.stub2!, c.stub1!];
    knownNewest = newest.filter((id) => !stubsNewest.includes(id));
    // Another organization's names, first in any A to Z, and its stubs must never show up.
    await createContact(b.key, { first_name: "Aaron", last_name: "Aardvark" });
    await createContact(b.key, { phones: [{ phone_number: "+15550100001" }] });
  });

  const list = (query: string) => expectJson(t.key, "GET", `/api/contacts?${query}`, undefined, 200);

  it("kind=stub lists the stubs newest first, kind=known the others, with their totals", async () => {
    expect(await listAll(t.key, "&kind=stub")).toEqual(stubsNewest);
    expect(await listAll(t.key, "&kind=known")).toEqual(knownNewest);
    expect((await list("kind=stub")).total).toBe(2);
    expect((await list("kind=known")).total).toBe(7);
    expect((await list("")).total).toBe(9);
    for (const contact of (await list("kind=stub")).data) expect(contact.is_stub).toBe(true);
  });

  it("sort=name: A to Z by the name as shown, ASCII case ignored, ties oldest first, then the stubs newest first", async () => {
    expect(await listAll(t.key, "&sort=name")).toEqual(byName);
    expect(await listAll(t.key, "&sort=name&kind=known")).toEqual(byName.slice(0, 7));
    expect(await listAll(t.key, "&sort=name&kind=stub")).toEqual(stubsNewest);
  });

  it.each([1, 2, 3, 6, 7, 8])(
    "walks by name %i at a time with no repeats or gaps, from the names into the stubs",
    async (limit) => {
      expect(await listAll(t.key, "&sort=name", limit)).toEqual(byName);
      expect(await listAll(t.key, "&sort=name&kind=known", limit)).toEqual(byName.slice(0, 7));
    },
  );

  it("a page that ends with the last name points to the stubs, and one that ends with the last contact to nothing", async () => {
    const names = await list("sort=name&limit=7");
    expect(names.next_cursor).toEqual(expect.any(String));
    const stubs = await list(`sort=name&limit=7&cursor=${names.next_cursor}`);
    expect(stubs).toMatchObject({ data: stubsNewest.map((id) => ({ id })), next_cursor: null, total: null });
    expect((await list("sort=name&kind=known&limit=7")).next_cursor).toBeNull();
  });

  it("the first page's total counts what kind and q match; the pages behind a cursor say null", async () => {
    const first = await list("sort=name&limit=2");
    expect(first.total).toBe(9);
    expect((await list(`sort=name&limit=2&cursor=${first.next_cursor}`)).total).toBeNull();
    expect((await list("q=lovelace")).total).toBe(2);
    expect((await list("q=lovelace&kind=known")).total).toBe(2);
    expect((await list("q=lovelace&kind=stub")).total).toBe(0);
    expect((await list("q=555 0100 001&kind=stub")).data.map((x: { id: string }) => x.id)).toEqual([c.stub1]);
    expect((await list("q=555 0100 001&kind=stub")).total).toBe(1);
  });

  it("an empty q with sort=name lists by name", async () => {
    expect((await list("sort=name&q=%20&limit=1")).data[0].id).toBe(byName[0]);
  });

  it("a walk by name goes on past a contact deleted or renamed at its cursor", async () => {
    const u = await newTenant();
    const ids: string[] = [];
    for (const first_name of ["Ann", "Bea", "Cy", "Di"]) ids.push((await createContact(u.key, { first_name })).id);
    const first = await expectJson(u.key, "GET", "/api/contacts?sort=name&limit=2", undefined, 200);
    expect(first.data.map((x: { id: string }) => x.id)).toEqual(ids.slice(0, 2));
    await expectJson(u.key, "PUT", `/api/contacts/${ids[1]}`, { first_name: "Zoe" }, 200);
    await expectStatus(await send(u.key, "DELETE", `/api/contacts/${ids[2]}`), 204);
    const next = await expectJson(
      u.key,
      "GET",
      `/api/contacts?sort=name&limit=2&cursor=${first.next_cursor}`,
      undefined,
      200,
    );
    // After "Bea": Di, and Bea's new name Zoe; Cy is gone.
    expect(next.data.map((x: { id: string }) => x.id)).toEqual([ids[3], ids[1]]);
  });

  it("a cursor holds any name: a hundred four-byte characters in each name", async () => {
    const u = await newTenant();
    const long = (emoji: string) => emoji.repeat(100);
    const ids = [
      (await createContact(u.key, { first_name: long("😀"), last_name: long("😃") })).id,
      (await createContact(u.key, { first_name: long("😄"), last_name: long("😁") })).id,
    ];
    expect(await listAll(u.key, "&sort=name", 1)).toEqual(ids);
  });

  it.each([
    ["kind=nobody", ["kind"]],
    ["kind=Stub", ["kind"]],
    ["sort=oldest", ["sort"]],
    ["sort=name&q=ada", ["sort"]],
    ["sort=name&cursor=not-a-cursor", ["cursor"]],
    [`sort=name&cursor=${"A".repeat(1200)}`, ["cursor"]],
  ])("%s is a 400 at %j", async (query, path) => {
    await expectIssue(await send(t.key, "GET", `/api/contacts?${query}`), path);
  });

  it("a cursor of another order, or of the part a kind leaves out, is a 400", async () => {
    const newest = (await list("limit=1")).next_cursor;
    const named = (await list("sort=name&limit=1")).next_cursor;
    const stubs = (await list("sort=name&limit=8")).next_cursor;
    for (const query of [
      `sort=name&cursor=${newest}`,
      `cursor=${named}`,
      `sort=name&kind=stub&cursor=${named}`,
      `sort=name&kind=known&cursor=${stubs}`,
    ])
      await expectIssue(await send(t.key, "GET", `/api/contacts?${query}`), ["cursor"]);
    expect((await list(`sort=name&cursor=${stubs}`)).data.map((x: { id: string }) => x.id)).toEqual([c.stub1]);
  });

  it("another organization counts and lists its own contacts only", async () => {
    const theirs = await expectJson(b.key, "GET", "/api/contacts?sort=name&kind=known", undefined, 200);
    expect(theirs.data.map((x: { first_name: string }) => x.first_name)).not.toContain("Zed");
    const stubs = await expectJson(b.key, "GET", "/api/contacts?kind=stub", undefined, 200);
    expect(stubs.data.map((x: { id: string }) => x.id)).not.toContain(c.stub1);
    expect(stubs.total).toBe(stubs.data.length);
  });

  it("without credentials is a 401", async () => {
    await expectError(await send(anonymous, "GET", "/api/contacts?kind=stub&sort=name"), 401, "unauthenticated");
  });
});
