import { describe, expect, it } from "vitest";
import { IMPORT_SQL } from "../../src/mods/contact/services/import-export/import-sql";
import { expectIndexedPlan, planOf } from "../support/query-plans";

/*
 * The import's statements find the contacts they read or change by id (or their phones and emails
 * by value), never by walking the organization's contacts: at 100,000 contacts a walk cost 144 ms
 * per 50-row batch, and an import of 100,000 rows slowed to 150 rows/s (npm run bench:import).
 * The plans are SQLite's heuristics, the same on an empty database as at 100,000 rows.
 */

const org = "00000000-0000-4000-8000-000000000000";
const json = "[]";
const params: Record<keyof typeof IMPORT_SQL, unknown[]> = {
  holders: [org, json, org, json],
  holdingContacts: [org, json, org, json],
  insertPhones: [org, 0, json],
  insertEmails: [org, 0, json],
  insertContacts: [org, 0, 0, json],
  fillNames: [json, org],
  touch: [0, json, org],
};

describe("import query plans", () => {
  it.each(Object.keys(IMPORT_SQL) as (keyof typeof IMPORT_SQL)[])(
    "%s reads through indexes, and never searches contacts by organization",
    async (name) => {
      const plan = await planOf({ sql: IMPORT_SQL[name], params: params[name] });
      expectIndexedPlan(plan, ["USE TEMP B-TREE FOR UNION"]);
      const shown = `plan:\n  ${plan.join("\n  ")}`;
      expect(
        plan.filter((step) => /^SEARCH (contact|c) USING/.test(step.trim()) && !/\(id=\?\)/.test(step)),
        shown,
      ).toEqual([]);
    },
  );
});
