import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  type Caller,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  expectNewCall,
  expectRing,
  expectStatus,
  freshNumber,
  newTenant,
  send,
  signUp,
  type Tenant,
} from "../support/helpers";

/*
 * GET /api/contacts/stats: the dashboard's counts of an organization's contacts, its stubs, and
 * the contacts with a call in the window. Each test that counts has a tenant of its own.
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

const DAY_MS = 24 * 60 * 60 * 1000;

describe("GET /api/contacts/stats", () => {
  const stats = (caller: Caller, query = "") =>
    expectJson(caller, "GET", `/api/contacts/stats${query}`, undefined, 200);

  /** A call row written directly, `daysAgo` days back (the API only records calls as they ring). */
  async function insertCallDaysAgo(t: Tenant, contactId: string | null, daysAgo: number) {
    const createdAt = Date.now() - daysAgo * DAY_MS;
    await env.DB.prepare(
      `INSERT INTO call (id, organization_id, contact_id, "from", caller, created_at)
       VALUES (?, ?, ?, ?, 'identified', ?)`,
    )
      .bind(crypto.randomUUID(), t.organizationId, contactId, freshNumber(), createdAt)
      .run();
  }

  it("a new organization has nothing; the window defaults to 30 days", async () => {
    const t = await newTenant();
    expect(await stats(t.key)).toEqual({ total: 0, active: 0, stubs: 0, active_window_days: 30 });
    expect(await stats(t.owner)).toEqual({ total: 0, active: 0, stubs: 0, active_window_days: 30 });
  });

  it("counts all contacts, the nameless ones, and the ones with a call in the window", async () => {
    const t = await newTenant();
    const twice = freshNumber();
    await expectNewCall(t.key, twice); // a stub with two calls: active once
    await expectNewCall(t.key, twice);
    await expectNewCall(t.key, freshNumber()); // a stub with one call
    await createContact(t.key, { first_name: "Ada" }); // named, no calls
    await createContact(t.key, { emails: [{ email: `nameless-${crypto.randomUUID()}@example.com` }] }); // nameless, no calls
    const bobNumber = freshNumber();
    await createContact(t.key, { first_name: "Bob", phones: [{ phone_number: bobNumber }] });
    await expectNewCall(t.key, bobNumber); // named, one call
    for (const from of ["anonymous", "restricted", "12"]) await expectRing(t.key, { from }); // no contact
    expect(await stats(t.key)).toEqual({ total: 5, active: 3, stubs: 3, active_window_days: 30 });
  });

  it("a named stub stops being a stub; a deleted contact's calls count for nobody", async () => {
    const t = await newTenant();
    const first = await expectNewCall(t.key, freshNumber());
    const second = await expectNewCall(t.key, freshNumber());
    expect(await stats(t.key)).toEqual({ total: 2, active: 2, stubs: 2, active_window_days: 30 });
    await expectJson(t.key, "PUT", `/api/contacts/${first.contact.id}`, { first_name: "Named" }, 200);
    expect(await stats(t.key)).toEqual({ total: 2, active: 2, stubs: 1, active_window_days: 30 });
    await expectStatus(await send(t.key, "DELETE", `/api/contacts/${second.contact.id}`), 204);
    expect(await stats(t.key)).toEqual({ total: 1, active: 1, stubs: 0, active_window_days: 30 });
  });

  it("?days= sets the window: a call 40 days ago counts for 60 days, not for 30", async () => {
    const t = await newTenant();
    const old = await createContact(t.key, { first_name: "Old", phones: [{ phone_number: freshNumber() }] });
    await insertCallDaysAgo(t, old.id, 40);
    await expectNewCall(t.key, freshNumber()); // a stub with a call today
    expect(await stats(t.key)).toEqual({ total: 2, active: 1, stubs: 1, active_window_days: 30 });
    expect(await stats(t.key, "?days=30")).toEqual({ total: 2, active: 1, stubs: 1, active_window_days: 30 });
    expect(await stats(t.key, "?days=60")).toEqual({ total: 2, active: 2, stubs: 1, active_window_days: 60 });
    expect(await stats(t.key, "?days=1")).toEqual({ total: 2, active: 1, stubs: 1, active_window_days: 1 });
    expect(await stats(t.key, "?days=365")).toEqual({ total: 2, active: 2, stubs: 1, active_window_days: 365 });
    // A recent call makes the old contact active in the default window too, counted once.
    await insertCallDaysAgo(t, old.id, 2);
    expect(await stats(t.key)).toMatchObject({ active: 2 });
    expect(await stats(t.key, "?days=1")).toMatchObject({ active: 1 });
    expect(await stats(t.key, "?days=60")).toMatchObject({ active: 2 });
  });

  it("another organization's contacts and calls are never counted", async () => {
    const t = await newTenant();
    const other = await newTenant();
    await expectNewCall(t.key, freshNumber());
    const before = await stats(t.key);
    expect(before).toEqual({ total: 1, active: 1, stubs: 1, active_window_days: 30 });
    const theirs = await expectNewCall(other.key, freshNumber());
    await expectNewCall(other.key, freshNumber());
    await createContact(other.key, { first_name: "Theirs" });
    await insertCallDaysAgo(other, theirs.contact.id, 40);
    expect(await stats(t.key)).toEqual(before);
    expect(await stats(t.key, "?days=60")).toEqual({ ...before, active_window_days: 60 });
    expect(await stats(other.key)).toEqual({ total: 3, active: 2, stubs: 2, active_window_days: 30 });
  });

  it("days outside 1..365 or not a whole number is a 400 at its path", async () => {
    for (const days of ["0", "366", "x", "1.5", "-5", ""])
      await expectIssue(await send(a.key, "GET", `/api/contacts/stats?days=${days}`), ["days"]);
  });

  it("no credentials is a 401; a session without an active organization is a 403", async () => {
    await expectError(await send(anonymous, "GET", "/api/contacts/stats"), 401, "unauthenticated");
    await expectError(
      await send({ headers: { "x-api-key": "cik_not_a_key" } }, "GET", "/api/contacts/stats"),
      401,
      "unauthenticated",
    );
    const user = await signUp("No Org");
    await expectError(await send(user, "GET", "/api/contacts/stats"), 403, "no_active_organization");
  });
});
