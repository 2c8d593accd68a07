import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { encodeCursor } from "../../src/lib/pagination";
import { namedPageQuery } from "../../src/mods/contact/services/contact-list-order";
import { contactStats } from "../../src/mods/contact/services/contact-stats";
import { selectContact } from "../../src/mods/contact/services/contacts";
import {
  contactCountQuery,
  contactPageQuery,
  shortSearchFloorQuery,
} from "../../src/mods/contact/services/list-contacts";
import { expectIndexedPlan, planOf, queriesOf } from "../support/query-plans";

/*
 * The contact queries read through indexes: never a full table scan, never a temp B-tree (not for
 * the page's ORDER BY, nor for the order of a contact's phones and emails).
 */
const db = createDb(env.DB);
const org = "00000000-0000-4000-8000-000000000000";

// Each case makes its query when it runs: vitest would otherwise walk a query builder, down to the
// D1 binding, to report the case's arguments.
const cases = {
  "a single contact": () => selectContact(db, org, "00000000-0000-4000-8000-000000000001"),
  "the first page": () => contactPageQuery(db, org, { limit: 50 }),
  "a page behind a cursor": () => contactPageQuery(db, org, { limit: 50, cursor: encodeCursor(50_000) }),
  "a search by name": () => contactPageQuery(db, org, { limit: 50, q: "ada love" }),
  "a search by email": () => contactPageQuery(db, org, { limit: 50, q: "lovelace@exam" }),
  "a search by phone digits": () => contactPageQuery(db, org, { limit: 50, q: "(555) 012-34" }),
  "a two-character search": () => contactPageQuery(db, org, { limit: 50, q: "ad" }),
  "a two-character search behind a cursor": () =>
    contactPageQuery(db, org, { limit: 50, q: "ad", cursor: encodeCursor(9) }),
  "where a short search stops": () => shortSearchFloorQuery(db, org, undefined),
  "where a short search behind a cursor stops": () => shortSearchFloorQuery(db, org, 50_000),
  // The list's filters (kind) and its name order, and the totals of its first page.
  "the known contacts' first page": () => contactPageQuery(db, org, { limit: 50, kind: "known" }),
  "the known contacts behind a cursor": () =>
    contactPageQuery(db, org, { limit: 50, kind: "known", cursor: encodeCursor(9) }),
  "the stubs' first page (also the stubs after the names)": () =>
    contactPageQuery(db, org, { limit: 50, kind: "stub" }),
  "the stubs behind a cursor": () => contactPageQuery(db, org, { limit: 50, kind: "stub", cursor: encodeCursor(9) }),
  "a search among the stubs": () => contactPageQuery(db, org, { limit: 50, kind: "stub", q: "555 01" }),
  "a two-character search among the known contacts": () =>
    contactPageQuery(db, org, { limit: 50, kind: "known", q: "ad" }),
  "the first page by name": () => namedPageQuery(db, org, 50, undefined),
  "a page by name behind a cursor": () => namedPageQuery(db, org, 50, { name: "Ada Lovelace", seq: 9 }),
  "the total": () => contactCountQuery(db, org, {}),
  "the total of the known contacts": () => contactCountQuery(db, org, { kind: "known" }),
  "the total of the stubs": () => contactCountQuery(db, org, { kind: "stub" }),
  "the total of a search": () => contactCountQuery(db, org, { q: "ada love" }),
  "the total of a search among the known contacts": () => contactCountQuery(db, org, { kind: "known", q: "ada love" }),
};

describe("contact query plans", () => {
  it.each(Object.entries(cases))(
    "%s reads through indexes: no full table scan, no temp B-tree",
    async (_name, query) => {
      expectIndexedPlan(await planOf(query().toSQL()));
    },
  );

  it.each([
    ["the known contacts' pages", () => contactPageQuery(db, org, { limit: 50, kind: "known" }), "contact_named_idx"],
    ["the stubs' pages", () => contactPageQuery(db, org, { limit: 50, kind: "stub" }), "contact_stub_idx"],
    ["the pages by name", () => namedPageQuery(db, org, 50, { name: "Ada", seq: 9 }), "contact_name_order_idx"],
  ] as const)("%s walk their own index", async (_name, query, index) => {
    const [step] = await planOf(query().toSQL());
    expect(step).toMatch(new RegExp(`^SEARCH contact USING INDEX ${index} \\(organization_id=\\?`));
  });

  it("a page by name behind a cursor starts at the cursor's name: a range of the index, not a walk from A", async () => {
    const [step] = await planOf(namedPageQuery(db, org, 50, { name: "Ada", seq: 9 }).toSQL());
    expect(step).toBe("SEARCH contact USING INDEX contact_name_order_idx (organization_id=? AND <expr>>?)");
  });

  it.each([undefined, "known", "stub"] as const)(
    "the total of kind=%s reads an index alone; with q, only the matches' entries of it",
    async (kind) => {
      const searches = async (q?: string) =>
        (await planOf(contactCountQuery(db, org, { kind, q }).toSQL())).filter((step) => step.startsWith("SEARCH"));
      for (const step of await searches())
        expect(step).toMatch(/^SEARCH contact USING COVERING INDEX \w+ \(organization_id=\?\)$/);
      for (const step of await searches("ada love"))
        expect(step).toMatch(/^SEARCH contact USING COVERING INDEX \w+ \(organization_id=\? AND rowid=\?\)$/);
    },
  );
});

describe("dashboard counts", () => {
  it("read indexes only; the one sort dedupes the window's callers, bounded by the calls in the window", async () => {
    const [query] = await queriesOf((db) => contactStats(db, org, 30));
    expectIndexedPlan(await planOf(query!), ["USE TEMP B-TREE FOR count(DISTINCT)"]);
  });
});
