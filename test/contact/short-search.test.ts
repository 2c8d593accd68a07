import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { contactPageQuery, shortSearchFloorQuery } from "../../src/mods/contact/services/list-contacts";
import { SHORT_SEARCH_MAX_EXAMINED } from "../../src/mods/contact/types/contact-list";
import {
  anonymous,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  newTenant,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * GET /api/contacts?q= with one or two characters: no trigram index serves such a term, so a page
 * walks the organization's contacts checking each. One that matched nothing walked them all (at
 * 100,000 contacts, eight loops of it took another organization's ring from p50 12 ms to 982 ms,
 * bench:noisy); now a request examines at most SHORT_SEARCH_MAX_EXAMINED contacts,
 * and a page that stopped early says so (`search.complete: false`) and continues by its cursor.
 */

/** Contacts newer than the one match: five walks' worth. */
const FILLERS = 5 * SHORT_SEARCH_MAX_EXAMINED;

let a: Tenant;
let needle: { id: string };

/** `count` contacts named "Filler Row" (no "zx" in them), written in SQL: thousands of API calls would take minutes. */
async function insertFillers(organizationId: string, count: number) {
  const now = Date.now();
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
     INSERT INTO contact (id, organization_id, first_name, last_name, created_at, updated_at)
     SELECT lower(printf('%s-%s-4%s-a%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2),
       substr(hex(randomblob(2)), 2), hex(randomblob(6)))), ?1, 'Filler', 'Row', ?3 + i, ?3 + i FROM n`,
  )
    .bind(organizationId, count, now)
    .run();
}

beforeAll(async () => {
  a = await newTenant();
  // The one match is the oldest contact, behind every filler.
  needle = await createContact(a.key, { first_name: "Zxaver", last_name: "Oldest" });
  await insertFillers(a.organizationId, FILLERS);
});

type Page = {
  data: { id: string }[];
  next_cursor: string | null;
  total: number | null;
  search?: { complete: boolean };
};
const search = (caller: { headers: Record<string, string> }, query: string) =>
  expectJson<Page>(caller, "GET", `/api/contacts?${query}`, undefined, 200);

describe("GET /api/contacts?q= of one or two characters", () => {
  it("a term matching nothing among the newest contacts stops after examining them, and says so", async () => {
    const page = await search(a.key, "q=zx");
    expect(page.data).toEqual([]);
    expect(page.search).toEqual({ complete: false });
    expect(page.next_cursor).toEqual(expect.any(String));
  });

  it("following next_cursor walks on, a bounded stretch per request, to the older match", async () => {
    const found: string[] = [];
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(a.key, `q=zx${cursor ? `&cursor=${cursor}` : ""}`);
      pages.push(page);
      found.push(...page.data.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor && pages.length < 10);
    expect(found).toEqual([needle.id]);
    // Each request examines one stretch: five of fillers, then the last with the match.
    expect(pages.map((p) => p.search?.complete)).toEqual([false, false, false, false, false, true]);
  });

  it("a page filled before the cap is complete, its cursor where it ended", async () => {
    const page = await search(a.key, "q=fi&limit=5");
    expect(page.data).toHaveLength(5);
    expect(page.search).toEqual({ complete: true });
    expect(page.next_cursor).toEqual(expect.any(String));
  });

  it("a search the trigram index serves is never cut short, however old its match", async () => {
    const page = await search(a.key, "q=zxaver");
    expect(page.data.map((c) => c.id)).toEqual([needle.id]);
    expect(page).toMatchObject({ next_cursor: null, search: { complete: true } });
  });

  it("a list without q answers the plain page, with no search field", async () => {
    const page = await search(a.key, "limit=1");
    expect(Object.keys(page).sort()).toEqual(["data", "next_cursor", "total"]);
  });

  it("a short search is never counted: no index can, so its total is null", async () => {
    expect((await search(a.key, "q=zx")).total).toBeNull();
  });

  it("another organization's caller walks and finds only its own contacts", async () => {
    const b = await newTenant();
    const own = await createContact(b.key, { first_name: "Zxena" });
    const page = await search(b.key, "q=zx");
    expect(page).toEqual({
      data: [expect.objectContaining({ id: own.id })],
      next_cursor: null,
      total: null,
      search: { complete: true },
    });
  });

  it("a cursor that is not one of this API's is a 400, as on any list", async () => {
    await expectIssue(await send(a.key, "GET", "/api/contacts?q=zx&cursor=not-a-cursor"), ["cursor"]);
  });

  it("without credentials is a 401", async () => {
    await expectError(await send(anonymous, "GET", "/api/contacts?q=zx"), 401, "unauthenticated");
  });
});

describe("what a short search reads", () => {
  /** The rows SQLite read for the query (D1's meta.rows_read). */
  async function rowsRead(query: { toSQL(): { sql: string; params: unknown[] } }) {
    const { sql, params } = query.toSQL();
    const { meta } = await env.DB.prepare(sql)
      .bind(...params)
      .all();
    return meta.rows_read;
  }
  const db = createDb(env.DB);

  it("its page and where it stops each read about the cap's worth of rows, not the organization", async () => {
    const page = await rowsRead(contactPageQuery(db, a.organizationId, { limit: 50, q: "zx" }));
    const floor = await rowsRead(shortSearchFloorQuery(db, a.organizationId, undefined));
    // The floor's walk, then the examined contacts' index entries and search documents (3 x 2,000 + 1
    // when the cap was 2,000): three reads per contact of the cap, whatever the organization's size.
    expect(page).toBeLessThanOrEqual(3 * SHORT_SEARCH_MAX_EXAMINED + 1);
    expect(floor).toBeLessThanOrEqual(SHORT_SEARCH_MAX_EXAMINED + 1);
    expect(page).toBeLessThan(FILLERS);
  });
});
