import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/lib/pagination";
import { listCalls } from "../../src/mods/call/services/calls";
import { expectIndexedPlan, planOf, queriesOf } from "../support/query-plans";

/*
 * The calls list reads through indexes: never a full table scan, never a temp B-tree. listCalls
 * runs its query itself, so the test reads it off the database it is given (queriesOf).
 */
const org = "00000000-0000-4000-8000-000000000000";
const contactId = "00000000-0000-4000-8000-000000000001";

const cases: [string, Parameters<typeof listCalls>[2]][] = [
  ["the first page", { limit: 50 }],
  ["a page behind a cursor", { limit: 50, cursor: encodeCursor(50_000) }],
  ["a contact's calls", { limit: 50, contact_id: contactId }],
  ["a contact's calls behind a cursor", { limit: 50, contact_id: contactId, cursor: encodeCursor(50_000) }],
  ["a call by the provider's id", { limit: 50, provider_call_id: "CA0123456789abcdef" }],
];

describe("calls list query plans", () => {
  it.each(cases)("%s reads through indexes: no full table scan, no temp B-tree", async (_name, query) => {
    const queries = await queriesOf((db) => listCalls(db, org, query));
    expect(queries).toHaveLength(1);
    expectIndexedPlan(await planOf(queries[0]!));
  });
});
