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
  getCall,
  ISO,
  listAllIds,
  NO_SUCH_ID,
  newTenant,
  send,
  signUp,
  type Tenant,
  transcribe,
  UUID,
} from "../support/helpers";

/*
 * The call routes after the ring: the call list and a call, and calls following their contact
 * through deletes and merges. The ring itself (POST /api/calls/inbound) is covered in
 * ring.test.ts, transcriptions in ../enrichment/transcriptions.test.ts.
 * Storage is shared by the tests of this file: tests that count or page through a whole
 * organization use a tenant of their own.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

const listCallIds = (caller: Caller, query = "", limit = 200) => listAllIds(caller, "/api/calls", query, limit);

describe("GET /api/calls", () => {
  it("lists calls newest first, over several pages with no repeats or gaps", async () => {
    const t = await newTenant();
    const created: string[] = [];
    for (const from of [freshNumber(), "anonymous", freshNumber(), "12", freshNumber(), freshNumber(), "private"]) {
      created.push((await expectNewCall(t.key, from)).call_id);
    }
    const newestFirst = [...created].reverse();
    const first = await expectJson(t.key, "GET", "/api/calls?limit=3", undefined, 200);
    expect(first.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(0, 3));
    expect(typeof first.next_cursor).toBe("string");
    const second = await expectJson(
      t.key,
      "GET",
      `/api/calls?limit=3&cursor=${encodeURIComponent(first.next_cursor)}`,
      undefined,
      200,
    );
    expect(second.data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(3, 6));
    const third = await expectJson(
      t.key,
      "GET",
      `/api/calls?limit=3&cursor=${encodeURIComponent(second.next_cursor)}`,
      undefined,
      200,
    );
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
    for (let i = 0; i < 4; i++) created.push((await expectNewCall(t.key, freshNumber())).call_id);
    const first = await expectJson(t.key, "GET", "/api/calls?limit=2", undefined, 200);
    await expectNewCall(t.key, freshNumber());
    const second = await expectJson(
      t.key,
      "GET",
      `/api/calls?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`,
      undefined,
      200,
    );
    expect(second.data.map((c: { id: string }) => c.id)).toEqual([created[1], created[0]]);
  });

  it("list items are calls without their transcription", async () => {
    const t = await newTenant();
    const call = await expectNewCall(t.key, freshNumber(), { provider_call_id: "CA-list-item" });
    await expectStatus(await transcribe(t.key, call.call_id, "a long transcript"), 202);
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
        caller_verified: false,
        enrichment_status: "queued",
        enrichment_error: null,
        erased: false,
        created_at: expect.stringMatching(ISO),
        // The list's own: who called as the calls page says it, and the contact as it is now.
        caller_status: "stub",
        contact: { id: call.contact.id, first_name: "", last_name: "", is_stub: true },
      },
    ]);
    expect(page.data[0]).not.toHaveProperty("transcription");
  });

  it("?contact_id= lists that contact's calls only", async () => {
    const number = freshNumber();
    const first = await expectNewCall(a.key, number);
    await expectNewCall(a.key, freshNumber());
    const second = await expectNewCall(a.key, number);
    await expectRing(a.key, { from: "anonymous" });
    expect(await listCallIds(a.key, `&contact_id=${first.contact.id}`)).toEqual([second.call_id, first.call_id]);
    expect(await listCallIds(a.key, `&contact_id=${first.contact.id}`, 1)).toEqual([second.call_id, first.call_id]);
    const named = await createContact(a.key, { first_name: "No Calls" });
    expect(await listCallIds(a.key, `&contact_id=${named.id}`)).toEqual([]);
    expect(await listCallIds(a.key, `&contact_id=${NO_SUCH_ID}`)).toEqual([]);
  });

  it("another organization's calls are never listed, not even by its contact's id", async () => {
    const theirs = await expectNewCall(b.key, freshNumber());
    const ours = await listCallIds(a.key);
    expect(ours).not.toContain(theirs.call_id);
    expect(await listCallIds(a.key, `&contact_id=${theirs.contact.id}`)).toEqual([]);
    expect(await listCallIds(b.key, `&contact_id=${theirs.contact.id}`)).toEqual([theirs.call_id]);
  });

  it("a bad limit, cursor or contact_id is a 400 at its path", async () => {
    for (const limit of ["0", "201", "x", "1.5", "-1"])
      await expectIssue(await send(a.key, "GET", `/api/calls?limit=${limit}`), ["limit"]);
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
    await expectError(
      await send({ headers: { authorization: "Bearer cik_not_a_key" } }, "GET", "/api/calls"),
      401,
      "unauthenticated",
    );
    const user = await signUp("No Org");
    await expectError(await send(user, "GET", "/api/calls"), 403, "no_active_organization");
  });
});

describe("GET /api/calls/{id}", () => {
  it("answers the whole call, transcription included", async () => {
    const number = freshNumber();
    const call = await expectNewCall(a.key, number, { provider_call_id: "CA-get-whole" });
    await expectStatus(await transcribe(a.key, call.call_id, "Hello, this is Ada."), 202);
    const got = await getCall(a.owner, call.call_id);
    expect(got).toEqual({
      id: call.call_id,
      contact_id: call.contact.id,
      from: number,
      to: "+15557654321",
      provider: "twilio",
      provider_call_id: "CA-get-whole",
      caller: "identified",
      caller_verified: false,
      transcription: "Hello, this is Ada.",
      enrichment_status: "queued",
      enrichment_error: null,
      erased: false,
      created_at: expect.stringMatching(ISO),
    });
    expect(Math.abs(Date.parse(got.created_at) - Date.now())).toBeLessThan(60_000);
  });

  it("another organization's call is a 404 that reads like a call that never existed", async () => {
    const theirs = await expectNewCall(b.key, freshNumber());
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
    const call = await expectNewCall(a.key, freshNumber());
    await expectError(await send(anonymous, "GET", `/api/calls/${call.call_id}`), 401, "unauthenticated");
  });
});

describe("calls follow their contact", () => {
  it("deleting a contact keeps its calls, with contact_id null", async () => {
    const number = freshNumber();
    const first = await expectNewCall(a.key, number);
    const second = await expectNewCall(a.key, number);
    await expectStatus(await transcribe(a.key, second.call_id, "kept after delete"), 202);
    await expectStatus(await send(a.key, "DELETE", `/api/contacts/${first.contact.id}`), 204);
    for (const id of [first.call_id, second.call_id])
      expect(await getCall(a.key, id)).toMatchObject({ id, contact_id: null, from: number });
    expect((await getCall(a.key, second.call_id)).transcription).toBe("kept after delete");
    expect(await listCallIds(a.key, `&contact_id=${first.contact.id}`)).toEqual([]);
    expect(await listCallIds(a.key)).toEqual(expect.arrayContaining([first.call_id, second.call_id]));
  });

  it("a transcription for a call whose contact was deleted is not_needed", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    await expectStatus(await send(a.key, "DELETE", `/api/contacts/${call.contact.id}`), 204);
    expect(await expectStatus(await transcribe(a.key, call.call_id, "hi"), 202)).toEqual({
      call_id: call.call_id,
      enrichment: "not_needed",
    });
  });

  it("merging moves the source's calls to the target", async () => {
    const sourceNumber = freshNumber();
    const targetNumber = freshNumber();
    const s1 = await expectNewCall(a.key, sourceNumber);
    const s2 = await expectNewCall(a.key, sourceNumber);
    const target = await createContact(a.key, { first_name: "Target", phones: [{ phone_number: targetNumber }] });
    const t1 = await expectNewCall(a.key, targetNumber);
    const merged = await expectJson(a.key, "POST", `/api/contacts/${s1.contact.id}/merge`, { into: target.id }, 200);
    expect(merged.phones.map((p: { phone_number: string }) => p.phone_number).sort()).toEqual(
      [sourceNumber, targetNumber].sort(),
    );
    expect(await listCallIds(a.key, `&contact_id=${target.id}`)).toEqual([t1.call_id, s2.call_id, s1.call_id]);
    expect(await listCallIds(a.key, `&contact_id=${s1.contact.id}`)).toEqual([]);
    expect((await getCall(a.key, s1.call_id)).contact_id).toBe(target.id);
    // The source's number now rings through to the target.
    const next = await expectNewCall(a.key, sourceNumber);
    expect(next).toMatchObject({
      contact: { id: target.id, first_name: "Target", is_stub: false },
      contact_created: false,
    });
  });
});

describe("every call id the ring answers is a UUID the call routes accept", () => {
  it("ring, read, transcribe, list: one call end to end", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    expect(call.call_id).toMatch(UUID);
    expect((await getCall(a.key, call.call_id)).id).toBe(call.call_id);
    expect(await expectStatus(await transcribe(a.key, call.call_id, "end to end"), 202)).toMatchObject({
      enrichment: "queued",
    });
    expect(await listCallIds(a.key, `&contact_id=${call.contact.id}`)).toEqual([call.call_id]);
  });
});
