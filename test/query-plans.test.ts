import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { contactPageQuery, selectContact } from "../src/mods/contact/services/contacts";
import { encodeCursor } from "../src/lib/pagination";

/*
 * SQLite plans from its heuristics (D1 keeps no sqlite_stat1 unless ANALYZE runs), so the plan on
 * an empty database is the plan at 100,000 contacts. `npm run bench:contacts` measures the cost.
 */
const db = createDb(env.DB);
const org = "00000000-0000-4000-8000-000000000000";

async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** A full scan of a table, as opposed to a SEARCH or a SCAN through an index or FTS5. */
const fullScans = (plan: string[]) => plan.filter((d) => /^SCAN \w+$/.test(d.trim()) || /^SCAN \w+ AS \w+$/.test(d.trim()));

const cases = {
  "a single contact": selectContact(db, org, "00000000-0000-4000-8000-000000000001"),
  "the first page": contactPageQuery(db, org, { limit: 50 }),
  "a page behind a cursor": contactPageQuery(db, org, { limit: 50, cursor: encodeCursor(50_000) }),
  "a search by name": contactPageQuery(db, org, { limit: 50, q: "ada love" }),
  "a search by email": contactPageQuery(db, org, { limit: 50, q: "lovelace@exam" }),
  "a search by phone digits": contactPageQuery(db, org, { limit: 50, q: "(555) 012-34" }),
  "a two-character search": contactPageQuery(db, org, { limit: 50, q: "ad" }),
};

describe("query plans", () => {
  for (const [name, query] of Object.entries(cases)) {
    it(`${name} reads through indexes, never a full table scan`, async () => {
      const plan = await planOf(query);
      console.log(`${name}:\n  ${plan.join("\n  ")}`);
      expect(plan.length).toBeGreaterThan(0);
      expect(fullScans(plan)).toEqual([]);
      expect(plan.join("\n")).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    });
  }
});
