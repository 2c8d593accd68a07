import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/lib/pagination";
import { listCalls } from "../../src/mods/call/services/calls";
import { callerStatuses, enrichmentStatusFilters } from "../../src/mods/call/types/call";
import { expectIndexedPlan, planOf, queriesOf } from "../support/query-plans";

/*
 * The calls list reads through indexes: never a full table scan, never a temp B-tree. listCalls
 * runs its query itself, so the test reads it off the database it is given (queriesOf).
 */
const org = "00000000-0000-4000-8000-000000000000";
const contactId = "00000000-0000-4000-8000-000000000001";

type Query = Parameters<typeof listCalls>[2];

const planOfList = async (query: Query) => {
  const queries = await queriesOf((db) => listCalls(db, org, query));
  expect(queries).toHaveLength(1);
  return planOf(queries[0]!);
};

const cases: [string, Query][] = [
  ["the first page", { limit: 50 }],
  ["a page behind a cursor", { limit: 50, cursor: encodeCursor(50_000) }],
  ["a contact's calls", { limit: 50, contact_id: contactId }],
  ["a contact's calls behind a cursor", { limit: 50, contact_id: contactId, cursor: encodeCursor(50_000) }],
  ["a call by the provider's id", { limit: 50, provider_call_id: "CA0123456789abcdef" }],
  ["known callers whose enrichment failed", { limit: 50, caller_status: "known", enrichment_status: "failed" }],
  ["withheld callers not yet transcribed", { limit: 50, caller_status: "withheld", enrichment_status: "none" }],
  ["a contact's failed enrichments", { limit: 50, contact_id: contactId, enrichment_status: "failed" }],
];

describe("calls list query plans", () => {
  it.each(cases)("%s reads through indexes: no full table scan, no temp B-tree", async (_name, query) => {
    expectIndexedPlan(await planOfList(query));
  });

  // The calls page's filters: each walks its own index, in seq order, on the first page and behind a cursor.
  const filtered: [string, string, Query][] = [
    ...callerStatuses.map((caller_status): [string, string, Query] => [
      `caller_status=${caller_status}`,
      "call_caller_idx",
      { limit: 50, caller_status },
    ]),
    ...enrichmentStatusFilters.map((enrichment_status): [string, string, Query] => [
      `enrichment_status=${enrichment_status}`,
      "call_enrichment_status_idx",
      { limit: 50, enrichment_status },
    ]),
  ];
  it.each(filtered)("%s walks %s without a scan or a sort", async (_name, index, query) => {
    for (const page of [query, { ...query, cursor: encodeCursor(50_000) }]) {
      const plan = await planOfList(page);
      expectIndexedPlan(plan);
      expect(plan[0], `plan:\n  ${plan.join("\n  ")}`).toMatch(new RegExp(`^SEARCH call USING INDEX ${index} \\(`));
    }
  });
});
