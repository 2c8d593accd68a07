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
  freshNumber,
  listAllIds,
  newTenant,
  send,
  type Tenant,
} from "../support/helpers";

/*
 * GET /api/calls' filters for the calls page: who called (caller_status) and how far enrichment
 * got (enrichment_status), and the contact each list item carries. One organization is rung once
 * with one call of each kind; the tests only read it.
 */

let t: Tenant;
let other: Tenant;
/** One call of each caller status, by that status. */
const calls = { known: "", stub: "", withheld: "", invalid: "", no_contact: "" };
type Kind = keyof typeof calls;
let knownContactId = "";
let stubContactId = "";

/** The enrichment state, set straight in D1: reaching `done` or `failed` through the queue is enrichment's tests' job. */
const setEnrichment = (callId: string, status: string | null) =>
  env.DB.prepare("UPDATE call SET enrichment_status = ? WHERE id = ?").bind(status, callId).run();

beforeAll(async () => {
  [t, other] = await Promise.all([newTenant(), newTenant()]);
  const knownNumber = freshNumber();
  knownContactId = (await createContact(t.key, { first_name: "Ada", phones: [{ phone_number: knownNumber }] })).id;
  calls.known = (await expectNewCall(t.key, knownNumber)).call_id;
  const stub = await expectNewCall(t.key, freshNumber());
  calls.stub = stub.call_id;
  stubContactId = stub.contact.id;
  calls.withheld = (await expectRing(t.key, { from: "anonymous", provider: "twilio" })).call_id;
  calls.invalid = (await expectRing(t.key, { from: "12", provider: "twilio" })).call_id;
  const gone = await expectNewCall(t.key, freshNumber());
  calls.no_contact = gone.call_id;
  await expectJson(t.key, "DELETE", `/api/contacts/${gone.contact.id}`, undefined, 204);
  await setEnrichment(calls.known, "done");
  await setEnrichment(calls.stub, "failed");
  await setEnrichment(calls.invalid, "skipped");
  await setEnrichment(calls.no_contact, "queued");
  // The other organization has a call of every kind too: none may show up.
  await expectNewCall(other.key, freshNumber());
  await expectRing(other.key, { from: "anonymous" });
});

const listed = (caller: Caller, query: string, limit = 200) => listAllIds(caller, "/api/calls", query, limit);

describe("GET /api/calls?caller_status=", () => {
  it.each(Object.keys(calls) as Kind[])("%s lists that kind of caller only", async (kind) => {
    expect(await listed(t.key, `&caller_status=${kind}`)).toEqual([calls[kind]]);
  });

  it("every list item says its caller status and carries its contact as it is now", async () => {
    const page = await expectJson(t.owner, "GET", "/api/calls", undefined, 200);
    const byId = new Map(page.data.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(calls.known)).toMatchObject({
      caller_status: "known",
      contact_id: knownContactId,
      contact: { id: knownContactId, first_name: "Ada", last_name: "", is_stub: false },
    });
    expect(byId.get(calls.stub)).toMatchObject({
      caller_status: "stub",
      contact: { id: stubContactId, first_name: "", last_name: "", is_stub: true },
    });
    for (const kind of ["withheld", "invalid", "no_contact"] as const)
      expect(byId.get(calls[kind])).toMatchObject({ caller_status: kind, contact_id: null, contact: null });
  });

  it("a stub filled in since lists as known", async () => {
    const u = await newTenant();
    const stub = await expectNewCall(u.key, freshNumber());
    expect(await listed(u.key, "&caller_status=stub")).toEqual([stub.call_id]);
    await expectJson(u.key, "PUT", `/api/contacts/${stub.contact.id}`, { first_name: "", last_name: "Curie" }, 200);
    expect(await listed(u.key, "&caller_status=stub")).toEqual([]);
    expect(await listed(u.key, "&caller_status=known")).toEqual([stub.call_id]);
  });

  it("pages through a filter newest first, with no repeats or gaps", async () => {
    const u = await newTenant();
    const withheld: string[] = [];
    for (let i = 0; i < 5; i++) {
      withheld.push((await expectRing(u.key, { from: i % 2 ? "private" : "anonymous" })).call_id);
      await expectNewCall(u.key, freshNumber());
    }
    expect(await listed(u.key, "&caller_status=withheld", 2)).toEqual(withheld.reverse());
  });
});

describe("GET /api/calls?enrichment_status=", () => {
  it.each<[string, Kind]>([
    ["done", "known"],
    ["failed", "stub"],
    ["skipped", "invalid"],
    ["queued", "no_contact"],
  ])("%s lists the calls in that state only", async (status, kind) => {
    expect(await listed(t.key, `&enrichment_status=${status}`)).toEqual([calls[kind]]);
  });

  it("none lists the calls without a transcription yet", async () => {
    expect(await listed(t.key, "&enrichment_status=none")).toEqual([calls.withheld]);
  });

  it("combines with caller_status and contact_id", async () => {
    expect(await listed(t.key, "&caller_status=stub&enrichment_status=failed")).toEqual([calls.stub]);
    expect(await listed(t.key, "&caller_status=stub&enrichment_status=done")).toEqual([]);
    expect(await listed(t.key, `&contact_id=${knownContactId}&enrichment_status=done`)).toEqual([calls.known]);
    expect(await listed(t.key, `&contact_id=${knownContactId}&caller_status=stub`)).toEqual([]);
  });
});

describe("the filters' edges", () => {
  it("another organization's calls never match a filter", async () => {
    const theirs = await listed(other.key, "");
    expect(theirs).toHaveLength(2);
    for (const query of ["&caller_status=stub", "&caller_status=withheld", "&enrichment_status=none"]) {
      const ours = await listed(t.key, query);
      expect(ours.filter((id) => theirs.includes(id))).toEqual([]);
      expect(ours.length).toBeGreaterThan(0);
    }
    expect(await listed(other.key, "&enrichment_status=none")).toEqual(theirs);
  });

  it("an unknown caller_status or enrichment_status is a 400 at its path", async () => {
    for (const value of ["identified", "KNOWN", "", "stub,known"])
      await expectIssue(await send(t.key, "GET", `/api/calls?caller_status=${value}`), ["caller_status"]);
    for (const value of ["null", "pending", "", "DONE"])
      await expectIssue(await send(t.key, "GET", `/api/calls?enrichment_status=${value}`), ["enrichment_status"]);
  });

  it("no credentials is a 401, filters or not", async () => {
    await expectError(await send(anonymous, "GET", "/api/calls?caller_status=stub"), 401, "unauthenticated");
  });
});
