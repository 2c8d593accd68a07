import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createDb } from "../../src/db/client";
import { encodeCursor } from "../../src/lib/pagination";
import { contactStats } from "../../src/mods/contact/services/contact-stats";
import { contactPageQuery, selectContact, shortSearchFloorQuery } from "../../src/mods/contact/services/contacts";
import { expectIndexedPlan, planOf, queriesOf } from "../support/query-plans";

/*
 * The contact queries read through indexes: never a full table scan, never a temp B-tree (not for
 * the page's ORDER BY, nor for the order of a contact's phones and emails).
 */
const db = createDb(env.DB);
const org = "00000000-0000-4000-8000-000000000000";

const cases = {
  "a single contact": selectContact(db, org, "00000000-0000-4000-8000-000000000001"),
  "the first page": contactPageQuery(db, org, { limit: 50 }),
  "a page behind a cursor": contactPageQuery(db, org, { limit: 50, cursor: encodeCursor(50_000) }),
  "a search by name": contactPageQuery(db, org, { limit: 50, q: "ada love" }),
  "a search by email": contactPageQuery(db, org, { limit: 50, q: "lovelace@exam" }),
  "a search by phone digits": contactPageQuery(db, org, { limit: 50, q: "(555) 012-34" }),
  "a two-character search": contactPageQuery(db, org, { limit: 50, q: "ad" }),
  "a two-character search behind a cursor": contactPageQuery(db, org, { limit: 50, q: "ad", cursor: encodeCursor(9) }),
  "where a short search stops": shortSearchFloorQuery(db, org, undefined),
  "where a short search behind a cursor stops": shortSearchFloorQuery(db, org, 50_000),
};

describe("contact query plans", () => {
  it.each(Object.entries(cases))(
    "%s reads through indexes: no full table scan, no temp B-tree",
    async (_name, query) => {
      expectIndexedPlan(await planOf(query.toSQL()));
    },
  );
});

describe("dashboard counts", () => {
  it("read indexes only; the one sort dedupes the window's callers, bounded by the calls in the window", async () => {
    const [query] = await queriesOf((db) => contactStats(db, org, 30));
    expectIndexedPlan(await planOf(query!), ["USE TEMP B-TREE FOR count(DISTINCT)"]);
  });
});
