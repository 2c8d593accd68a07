import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../src/app";
import type { EnrichmentMessage } from "../src/mods/call/types/call";
import { anonymous, BASE, createContact, expectError, expectJson, json, newTenant, request, send, signUp, type Caller, type Tenant, UUID, ISO, NO_SUCH_ID, expectIssue, listAllIds } from "./helpers";

/*
 * The call routes after the ring: transcriptions and the enrichment queue, the call list and a
 * call, calls following their contact through deletes and merges, and the contact stats.
 * The ring path itself (POST /api/calls/inbound) is covered in ring.test.ts.
 * Storage is shared by the tests of this file: tests that count or page through a whole
 * organization use a tenant of their own.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** A US number no other test of this file uses: +1 555 4XX XXXX. */
let numberCounter = 0;
const freshNumber = () => `+1555${String(4000000 + ++numberCounter)}`;

/** Rings from `from` with an API key; answers the inbound call's result. */
const ring = (caller: Caller, from: string, extra: Record<string, unknown> = {}) =>
  expectJson(caller, "POST", "/api/calls/inbound", { from, to: "+15557654321", provider: "twilio", ...extra }, 201);

const getCall = (caller: Caller, id: string) => expectJson(caller, "GET", `/api/calls/${id}`, undefined, 200);
const transcribe = (caller: Caller, id: string, transcription: string) => send(caller, "POST", `/api/calls/${id}/transcription`, { transcription });


const listCallIds = (caller: Caller, query = "", limit = 200) => listAllIds(caller, "/api/calls", query, limit);

/** A request through the app with a queue of our own in place of ENRICHMENT_QUEUE. */
async function withQueue(queue: Queue<EnrichmentMessage>, caller: Caller, method: string, path: string, body: unknown) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(BASE + path, { method, headers: { "content-type": "application/json", origin: BASE, ...caller.headers }, body: JSON.stringify(body) }),
    { ...env, ENRICHMENT_QUEUE: queue },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** The real queue, with every message it is given written down. */
function recordingQueue() {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: EnrichmentMessage, options?: QueueSendOptions) => {
      sent.push(body);
      return env.ENRICHMENT_QUEUE.send(body, options);
    },
    sendBatch: async () => {
      throw new Error("enrichment is queued one message at a time");
    },
  } as unknown as Queue<EnrichmentMessage>;
  return { queue, sent };
}

const failingQueue = {
  send: async () => {
    throw new Error("queue unavailable");
  },
} as unknown as Queue<EnrichmentMessage>;

describe("transcriptions", () => {
  it("a call from a stub contact: 202 queued, the text is saved, the message carries ids only", async () => {
    const call = await ring(a.key, freshNumber());
    const { queue, sent } = recordingQueue();
    const text = "Agent: Hello, who am I speaking with? Caller: This is Ada Lovelace, ada@example.com.";
    const res = await withQueue(queue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: text });
    expect(await json(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toEqual([{ call_id: call.call_id, organization_id: a.organizationId }]);
    expect(JSON.stringify(sent)).not.toContain("Ada");
    expect(await getCall(a.key, call.call_id)).toMatchObject({ transcription: text, enrichment_status: "queued", enrichment_error: null });
  });

  it("with a session cookie too", async () => {
    const call = await ring(a.key, freshNumber());
    const { queue, sent } = recordingQueue();
    const res = await withQueue(queue, a.owner, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: "Hi, it's Grace." });
    expect(await json(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toEqual([{ call_id: call.call_id, organization_id: a.organizationId }]);
  });

  it("a call from a named contact: not_needed, skipped, nothing queued", async () => {
    const number = freshNumber();
    await createContact(a.key, { first_name: "Named", phones: [{ phone_number: number }] });
    const call = await ring(a.key, number);
    const { queue, sent } = recordingQueue();
    const res = await withQueue(queue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: "Hello again." });
    expect(await json(res, 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
    expect(sent).toEqual([]);
    expect(await getCall(a.key, call.call_id)).toMatchObject({ transcription: "Hello again.", enrichment_status: "skipped" });
  });

  it("a contact with only a last name is named too", async () => {
    const number = freshNumber();
    await createContact(a.key, { last_name: "Hopper", phones: [{ phone_number: number }] });
    const call = await ring(a.key, number);
    expect(await json(await transcribe(a.key, call.call_id, "Hi."), 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
  });

  it("a call without a contact (withheld or invalid): not_needed, skipped, nothing queued", async () => {
    for (const from of ["anonymous", "12"]) {
      const call = await expectJson(a.key, "POST", "/api/calls/inbound", { from }, 201);
      const { queue, sent } = recordingQueue();
      const res = await withQueue(queue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: "Who is this?" });
      expect(await json(res, 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
      expect(sent).toEqual([]);
      expect(await getCall(a.key, call.call_id)).toMatchObject({ contact_id: null, transcription: "Who is this?", enrichment_status: "skipped" });
    }
  });

  it("a stub renamed before the transcription arrives is no longer queued", async () => {
    const call = await ring(a.key, freshNumber());
    await expectJson(a.key, "PUT", `/api/contacts/${call.contact.id}`, { first_name: "Typed" }, 200);
    expect(await json(await transcribe(a.key, call.call_id, "Hi."), 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
  });

  it("a second transcription replaces the first and queues again", async () => {
    const call = await ring(a.key, freshNumber());
    const { queue, sent } = recordingQueue();
    for (const text of ["first draft", "final transcript"]) {
      const res = await withQueue(queue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: text });
      expect(await json(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    }
    expect(sent).toHaveLength(2);
    expect((await getCall(a.key, call.call_id)).transcription).toBe("final transcript");
  });

  it("a queue that refuses the message: a 500 envelope, the call shows failed with a reason, the text is kept", async () => {
    const call = await ring(a.key, freshNumber());
    const res = await withQueue(failingQueue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: "kept" });
    const error = await expectError(res, 500, "internal");
    expect(error.message).not.toContain("queue unavailable");
    const saved = await getCall(a.key, call.call_id);
    expect(saved).toMatchObject({ transcription: "kept", enrichment_status: "failed", enrichment_error: expect.any(String) });
    expect(saved.enrichment_error.length).toBeGreaterThan(0);
    // Nothing is lost: sent again once the queue works, it is queued and the failure is cleared.
    const { queue, sent } = recordingQueue();
    const retry = await withQueue(queue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: "kept" });
    expect(await json(retry, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toHaveLength(1);
    expect(await getCall(a.key, call.call_id)).toMatchObject({ enrichment_status: "queued", enrichment_error: null });
  });

  it("a transcription of about 200 KiB is accepted and saved whole", async () => {
    const call = await ring(a.key, freshNumber());
    const text = "Caller: my name is Ada. ".repeat(Math.ceil((200 * 1024) / 24)).slice(0, 200 * 1024);
    const { queue, sent } = recordingQueue();
    const res = await withQueue(queue, a.key, "POST", `/api/calls/${call.call_id}/transcription`, { transcription: text });
    expect(await json(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toEqual([{ call_id: call.call_id, organization_id: a.organizationId }]);
    expect((await getCall(a.key, call.call_id)).transcription).toBe(text);
  });

  it("a body over 256 KiB is a 413 and saves nothing", async () => {
    const call = await ring(a.key, freshNumber());
    await expectError(await transcribe(a.key, call.call_id, "x".repeat(257 * 1024)), 413, "payload_too_large");
    expect(await getCall(a.key, call.call_id)).toMatchObject({ transcription: null, enrichment_status: null });
  });

  it("the 256 KiB limit is the transcription route's only: other routes keep 64 KiB", async () => {
    const call = await ring(a.key, freshNumber());
    await expectError(await send(a.key, "POST", "/api/calls/inbound", { from: freshNumber(), provider: "x".repeat(100 * 1024) }), 413, "payload_too_large");
    await expectError(await send(a.key, "PUT", `/api/contacts/${call.contact.id}`, { first_name: "x".repeat(100 * 1024) }), 413, "payload_too_large");
  });

  it("an empty transcription, a missing one, a wrong type or an unknown field is a 400", async () => {
    const call = await ring(a.key, freshNumber());
    const path = `/api/calls/${call.call_id}/transcription`;
    await expectIssue(await send(a.key, "POST", path, { transcription: "" }), ["transcription"]);
    await expectIssue(await send(a.key, "POST", path, {}), ["transcription"]);
    await expectIssue(await send(a.key, "POST", path, { transcription: 42 }), ["transcription"]);
    await expectIssue(await send(a.key, "POST", path, { transcription: "hi", enrichment_status: "done" }), ["enrichment_status"]);
    await expectIssue(await send(a.key, "POST", path, { transcription: "hi", organization_id: b.organizationId }), ["organization_id"]);
    await expectError(
      await request(path, { method: "POST", headers: { ...a.key.headers, "content-type": "application/json" }, body: '{"transcription": ' }),
      400,
      "validation_failed",
    );
    await expectError(
      await request(path, { method: "POST", headers: { ...a.key.headers, "content-type": "text/plain" }, body: JSON.stringify({ transcription: "hi" }) }),
      415,
      "unsupported_media_type",
    );
    expect(await getCall(a.key, call.call_id)).toMatchObject({ transcription: null, enrichment_status: null });
  });

  it("another organization's call is a 404, and is left alone", async () => {
    const theirs = await ring(b.key, freshNumber());
    const { queue, sent } = recordingQueue();
    const res = await withQueue(queue, a.key, "POST", `/api/calls/${theirs.call_id}/transcription`, { transcription: "overwritten?" });
    await expectError(res, 404, "not_found");
    expect(sent).toEqual([]);
    expect(await getCall(b.key, theirs.call_id)).toMatchObject({ transcription: null, enrichment_status: null });
    await expectError(await transcribe(a.key, NO_SUCH_ID, "hi"), 404, "not_found");
    await expectIssue(await transcribe(a.key, "not-an-id", "hi"), ["id"]);
  });

  it("no credentials is a 401", async () => {
    const call = await ring(a.key, freshNumber());
    await expectError(await transcribe(anonymous, call.call_id, "hi"), 401, "unauthenticated");
    await expectError(await transcribe({ headers: { "x-api-key": "cik_not_a_key" } }, call.call_id, "hi"), 401, "unauthenticated");
  });
});

describe("GET /api/calls", () => {
  it("lists calls newest first, over several pages with no repeats or gaps", async () => {
    const t = await newTenant();
    const created: string[] = [];
    for (const from of [freshNumber(), "anonymous", freshNumber(), "12", freshNumber(), freshNumber(), "private"]) {
      created.push((await ring(t.key, from)).call_id);
    }
    const newestFirst = [...created].reverse();
    const first = await expectJson(t.key, "GET", "/api/calls?limit=3", undefined, 200);
    expect(first.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(0, 3));
    expect(typeof first.next_cursor).toBe("string");
    const second = await expectJson(t.key, "GET", `/api/calls?limit=3&cursor=${encodeURIComponent(first.next_cursor)}`, undefined, 200);
    expect(second.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(3, 6));
    const third = await expectJson(t.key, "GET", `/api/calls?limit=3&cursor=${encodeURIComponent(second.next_cursor)}`, undefined, 200);
    expect(third.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(6));
    expect(third.next_cursor).toBeNull();
    expect(await listCallIds(t.key, "", 2)).toEqual(newestFirst);
    expect(await listCallIds(t.owner, "", 1)).toEqual(newestFirst);
    // The default page holds them all.
    const all = await expectJson(t.key, "GET", "/api/calls", undefined, 200);
    expect(all.data.map((c: { id: string }) => c.id)).toEqual(newestFirst);
    expect(all.next_cursor).toBeNull();
  });

  it("a call rung while paging does not shift the next page", async () => {
    const t = await newTenant();
    const created: string[] = [];
    for (let i = 0; i < 4; i++) created.push((await ring(t.key, freshNumber())).call_id);
    const first = await expectJson(t.key, "GET", "/api/calls?limit=2", undefined, 200);
    await ring(t.key, freshNumber());
    const second = await expectJson(t.key, "GET", `/api/calls?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`, undefined, 200);
    expect(second.data.map((c: { id: string }) => c.id)).toEqual([created[1], created[0]]);
  });

  it("list items are calls without their transcription", async () => {
    const t = await newTenant();
    const call = await ring(t.key, freshNumber(), { provider_call_id: "CA-list-item" });
    await json(await transcribe(t.key, call.call_id, "a long transcript"), 202);
    const page = await expectJson(t.key, "GET", "/api/calls", undefined, 200);
    expect(page.data).toEqual([
      {
        id: call.call_id,
        contact_id: call.contact.id,
        from: expect.stringMatching(/^\+1555/),
        to: "+15557654321",
        provider: "twilio",
        provider_call_id: "CA-list-item",
        caller: "identified",
        enrichment_status: "queued",
        enrichment_error: null,
        created_at: expect.stringMatching(ISO),
      },
    ]);
    expect(page.data[0]).not.toHaveProperty("transcription");
  });

  it("?contact_id= lists that contact's calls only", async () => {
    const number = freshNumber();
    const first = await ring(a.key, number);
    await ring(a.key, freshNumber());
    const second = await ring(a.key, number);
    await expectJson(a.key, "POST", "/api/calls/inbound", { from: "anonymous" }, 201);
    expect(await listCallIds(a.key, `&contact_id=${first.contact.id}`)).toEqual([second.call_id, first.call_id]);
    expect(await listCallIds(a.key, `&contact_id=${first.contact.id}`, 1)).toEqual([second.call_id, first.call_id]);
    const named = await createContact(a.key, { first_name: "No Calls" });
    expect(await listCallIds(a.key, `&contact_id=${named.id}`)).toEqual([]);
    expect(await listCallIds(a.key, `&contact_id=${NO_SUCH_ID}`)).toEqual([]);
  });

  it("another organization's calls are never listed, not even by its contact's id", async () => {
    const theirs = await ring(b.key, freshNumber());
    const ours = await listCallIds(a.key);
    expect(ours).not.toContain(theirs.call_id);
    expect(await listCallIds(a.key, `&contact_id=${theirs.contact.id}`)).toEqual([]);
    expect(await listCallIds(b.key, `&contact_id=${theirs.contact.id}`)).toEqual([theirs.call_id]);
  });

  it("a bad limit, cursor or contact_id is a 400 at its path", async () => {
    for (const limit of ["0", "201", "x", "1.5", "-1"]) await expectIssue(await send(a.key, "GET", `/api/calls?limit=${limit}`), ["limit"]);
    for (const cursor of ["garbage", btoa("v2:10"), btoa("v1:-3"), "x".repeat(65)]) {
      await expectIssue(await send(a.key, "GET", `/api/calls?cursor=${encodeURIComponent(cursor)}`), ["cursor"]);
    }
    await expectIssue(await send(a.key, "GET", "/api/calls?contact_id=nope"), ["contact_id"]);
  });

  it("limits 1 and 200 are fine", async () => {
    await expectJson(a.key, "GET", "/api/calls?limit=1", undefined, 200);
    await expectJson(a.key, "GET", "/api/calls?limit=200", undefined, 200);
  });

  it("no credentials is a 401; a session without an active organization is a 403", async () => {
    await expectError(await send(anonymous, "GET", "/api/calls"), 401, "unauthenticated");
    await expectError(await send({ headers: { authorization: "Bearer cik_not_a_key" } }, "GET", "/api/calls"), 401, "unauthenticated");
    const user = await signUp("No Org");
    await expectError(await send(user, "GET", "/api/calls"), 403, "no_active_organization");
  });
});

describe("GET /api/calls/{id}", () => {
  it("answers the whole call, transcription included", async () => {
    const number = freshNumber();
    const call = await ring(a.key, number, { provider_call_id: "CA-get-whole" });
    await json(await transcribe(a.key, call.call_id, "Hello, this is Ada."), 202);
    const got = await getCall(a.owner, call.call_id);
    expect(got).toEqual({
      id: call.call_id,
      contact_id: call.contact.id,
      from: number,
      to: "+15557654321",
      provider: "twilio",
      provider_call_id: "CA-get-whole",
      caller: "identified",
      transcription: "Hello, this is Ada.",
      enrichment_status: "queued",
      enrichment_error: null,
      created_at: expect.stringMatching(ISO),
    });
    expect(Math.abs(Date.parse(got.created_at) - Date.now())).toBeLessThan(60_000);
  });

  it("another organization's call is a 404 that reads like a call that never existed", async () => {
    const theirs = await ring(b.key, freshNumber());
    const hidden = await expectError(await send(a.key, "GET", `/api/calls/${theirs.call_id}`), 404, "not_found");
    const missing = await expectError(await send(a.key, "GET", `/api/calls/${NO_SUCH_ID}`), 404, "not_found");
    expect({ ...hidden, request_id: null }).toEqual({ ...missing, request_id: null });
    expect(JSON.stringify(hidden)).not.toContain(theirs.call_id);
    expect(JSON.stringify(hidden)).not.toContain(b.organizationId);
  });

  it("an id that is not a UUID is a 400", async () => {
    await expectIssue(await send(a.key, "GET", "/api/calls/not-an-id"), ["id"]);
  });

  it("no credentials is a 401", async () => {
    const call = await ring(a.key, freshNumber());
    await expectError(await send(anonymous, "GET", `/api/calls/${call.call_id}`), 401, "unauthenticated");
  });
});

describe("calls follow their contact", () => {
  it("deleting a contact keeps its calls, with contact_id null", async () => {
    const number = freshNumber();
    const first = await ring(a.key, number);
    const second = await ring(a.key, number);
    await json(await transcribe(a.key, second.call_id, "kept after delete"), 202);
    await json(await send(a.key, "DELETE", `/api/contacts/${first.contact.id}`), 204);
    for (const id of [first.call_id, second.call_id]) expect(await getCall(a.key, id)).toMatchObject({ id, contact_id: null, from: number });
    expect((await getCall(a.key, second.call_id)).transcription).toBe("kept after delete");
    expect(await listCallIds(a.key, `&contact_id=${first.contact.id}`)).toEqual([]);
    expect(await listCallIds(a.key)).toEqual(expect.arrayContaining([first.call_id, second.call_id]));
  });

  it("a transcription for a call whose contact was deleted is not_needed", async () => {
    const call = await ring(a.key, freshNumber());
    await json(await send(a.key, "DELETE", `/api/contacts/${call.contact.id}`), 204);
    expect(await json(await transcribe(a.key, call.call_id, "hi"), 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
  });

  it("merging moves the source's calls to the target", async () => {
    const sourceNumber = freshNumber();
    const targetNumber = freshNumber();
    const s1 = await ring(a.key, sourceNumber);
    const s2 = await ring(a.key, sourceNumber);
    const target = await createContact(a.key, { first_name: "Target", phones: [{ phone_number: targetNumber }] });
    const t1 = await ring(a.key, targetNumber);
    const merged = await expectJson(a.key, "POST", `/api/contacts/${s1.contact.id}/merge`, { into: target.id }, 200);
    expect(merged.phones.map((p: { phone_number: string }) => p.phone_number).sort()).toEqual([sourceNumber, targetNumber].sort());
    expect(await listCallIds(a.key, `&contact_id=${target.id}`)).toEqual([t1.call_id, s2.call_id, s1.call_id]);
    expect(await listCallIds(a.key, `&contact_id=${s1.contact.id}`)).toEqual([]);
    expect((await getCall(a.key, s1.call_id)).contact_id).toBe(target.id);
    // The source's number now rings through to the target.
    const next = await ring(a.key, sourceNumber);
    expect(next).toMatchObject({ contact: { id: target.id, first_name: "Target", is_stub: false }, contact_created: false });
  });
});

describe("GET /api/contacts/stats", () => {
  const stats = (caller: Caller, query = "") => expectJson(caller, "GET", `/api/contacts/stats${query}`, undefined, 200);

  /** A call row written directly, `daysAgo` days back (the API only records calls as they ring). */
  async function insertCallDaysAgo(t: Tenant, contactId: string | null, daysAgo: number) {
    const createdAt = Date.now() - daysAgo * DAY_MS;
    await env.DB.prepare(`INSERT INTO call (id, organization_id, contact_id, "from", caller, created_at) VALUES (?, ?, ?, ?, 'identified', ?)`)
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
    await ring(t.key, twice); // a stub with two calls: active once
    await ring(t.key, twice);
    await ring(t.key, freshNumber()); // a stub with one call
    await createContact(t.key, { first_name: "Ada" }); // named, no calls
    await createContact(t.key, { emails: [{ email: `nameless-${crypto.randomUUID()}@example.com` }] }); // nameless, no calls
    const bobNumber = freshNumber();
    await createContact(t.key, { first_name: "Bob", phones: [{ phone_number: bobNumber }] });
    await ring(t.key, bobNumber); // named, one call
    for (const from of ["anonymous", "restricted", "12"]) await expectJson(t.key, "POST", "/api/calls/inbound", { from }, 201); // no contact
    expect(await stats(t.key)).toEqual({ total: 5, active: 3, stubs: 3, active_window_days: 30 });
  });

  it("a named stub stops being a stub; a deleted contact's calls count for nobody", async () => {
    const t = await newTenant();
    const first = await ring(t.key, freshNumber());
    const second = await ring(t.key, freshNumber());
    expect(await stats(t.key)).toEqual({ total: 2, active: 2, stubs: 2, active_window_days: 30 });
    await expectJson(t.key, "PUT", `/api/contacts/${first.contact.id}`, { first_name: "Named" }, 200);
    expect(await stats(t.key)).toEqual({ total: 2, active: 2, stubs: 1, active_window_days: 30 });
    await json(await send(t.key, "DELETE", `/api/contacts/${second.contact.id}`), 204);
    expect(await stats(t.key)).toEqual({ total: 1, active: 1, stubs: 0, active_window_days: 30 });
  });

  it("?days= sets the window: a call 40 days ago counts for 60 days, not for 30", async () => {
    const t = await newTenant();
    const old = await createContact(t.key, { first_name: "Old", phones: [{ phone_number: freshNumber() }] });
    await insertCallDaysAgo(t, old.id, 40);
    await ring(t.key, freshNumber()); // a stub with a call today
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
    await ring(t.key, freshNumber());
    const before = await stats(t.key);
    expect(before).toEqual({ total: 1, active: 1, stubs: 1, active_window_days: 30 });
    const theirs = await ring(other.key, freshNumber());
    await ring(other.key, freshNumber());
    await createContact(other.key, { first_name: "Theirs" });
    await insertCallDaysAgo(other, theirs.contact.id, 40);
    expect(await stats(t.key)).toEqual(before);
    expect(await stats(t.key, "?days=60")).toEqual({ ...before, active_window_days: 60 });
    expect(await stats(other.key)).toEqual({ total: 3, active: 2, stubs: 2, active_window_days: 30 });
  });

  it("days outside 1..365 or not a whole number is a 400 at its path", async () => {
    for (const days of ["0", "366", "x", "1.5", "-5", ""]) await expectIssue(await send(a.key, "GET", `/api/contacts/stats?days=${days}`), ["days"]);
  });

  it("no credentials is a 401; a session without an active organization is a 403", async () => {
    await expectError(await send(anonymous, "GET", "/api/contacts/stats"), 401, "unauthenticated");
    await expectError(await send({ headers: { "x-api-key": "cik_not_a_key" } }, "GET", "/api/contacts/stats"), 401, "unauthenticated");
    const user = await signUp("No Org");
    await expectError(await send(user, "GET", "/api/contacts/stats"), 403, "no_active_organization");
  });
});

describe("every call id the ring answers is a UUID the call routes accept", () => {
  it("ring, read, transcribe, list: one call end to end", async () => {
    const call = await ring(a.key, freshNumber());
    expect(call.call_id).toMatch(UUID);
    expect((await getCall(a.key, call.call_id)).id).toBe(call.call_id);
    expect(await json(await transcribe(a.key, call.call_id, "end to end"), 202)).toMatchObject({ enrichment: "queued" });
    expect(await listCallIds(a.key, `&contact_id=${call.contact.id}`)).toEqual([call.call_id]);
  });
});
