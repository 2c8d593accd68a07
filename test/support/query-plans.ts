import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { expect } from "vitest";
import type { Database } from "../../src/db/client";

/*
 * SQLite plans from its heuristics (D1 keeps no sqlite_stat1 unless ANALYZE runs), so the plan on
 * an empty database is the plan at 100,000 rows. `npm run bench:contacts` measures the cost.
 */

export interface Query {
  sql: string;
  params: unknown[];
}

/** The plan SQLite makes for the query, one line per step (EXPLAIN QUERY PLAN's `detail`). */
export async function planOf(query: Query): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/**
 * The queries a service runs, for services that run their query rather than hand it out as a
 * builder: it runs on a drizzle database over the test D1 that writes each query down (the same
 * database `createDb` makes, with drizzle's logger).
 */
export async function queriesOf(run: (db: Database) => Promise<unknown>): Promise<Query[]> {
  const queries: Query[] = [];
  await run(drizzle(env.DB, { logger: { logQuery: (sql, params) => void queries.push({ sql, params }) } }));
  return queries;
}

/**
 * A full scan of a table: `SCAN t` or `SCAN t AS x`; not a SCAN through an index, of FTS5, or of a
 * co-routine's `(subquery-N)`.
 */
const isFullScan = (step: string) => /^SCAN \w+( AS \w+)?$/.test(step.trim());

/** Any sort into a temporary B-tree: for ORDER BY, GROUP BY, DISTINCT, or an aggregate's own ORDER BY. */
const usesTempBTree = (step: string) => /TEMP B-TREE/.test(step);

/**
 * Reads through indexes only: no full table scan, and no temp B-tree but the steps in `accepted`
 * (exactly as EXPLAIN writes them, each a sort the caller has shown to be bounded). The plan is the
 * message on failure.
 */
export function expectIndexedPlan(plan: string[], accepted: string[] = []) {
  const shown = `plan:\n  ${plan.join("\n  ")}`;
  expect(plan.length, shown).toBeGreaterThan(0);
  expect(plan.filter(isFullScan), shown).toEqual([]);
  expect(
    plan.filter((step) => usesTempBTree(step) && !accepted.includes(step.trim())),
    shown,
  ).toEqual([]);
}
