import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  bearer,
  type Caller,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  expectRing,
  expectStatus,
  freshCallId,
  freshNumber,
  getCall,
  INBOUND,
  ISO,
  listAllIds,
  national,
  newTenant,
  request,
  ring,
  send,
  sendRaw,
  signUp,
  type Tenant,
  UUID,
} from "../support/helpers";
import { sendWithBindings } from "../support/with-bindings";

/*
 * The ring path: POST /api/calls/inbound. Resolving the caller to a contact (or a new stub),
 * withheld and invalid callers, webhook replays, concurrent rings, bad input and credentials.
 * The other call routes are covered in calls.test.ts, resolve_contact itself in
 * ../contact/resolve-contact.test.ts.
 * Storage is shared by the tests of this file: each test rings numbers of its own, and tests
 * that count a whole organization's contacts compare before and after.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

/** A ring whose body is sent as is, with this content type. */
const ringRaw = (caller: Caller, body: string, contentType: string) =>
  sendRaw(caller, "POST", INBOUND, body, contentType);

const contactCount = async (caller: Caller) => (await listAllIds(caller, "/api/contacts")).length;

/** The contacts of the caller's organization holding this number (searched by its digits). */
async function holdersOf(caller: Caller, e164: string): Promise<{ id: string }[]> {
  const page = await expectJson(
    caller,
    "GET",
    `/api/contacts?limit=200&q=${encodeURIComponent(e164.slice(1))}`,
    undefined,
    200,
  );
  return page.data.filter((c: { phones: { phone_number: string }[] }) => c.phones.some((p) => p.phone_number === e164));
}

/** The ids of a contact's calls, newest first. */
const callIdsOf = (caller: Caller, contactId: string) => listAllIds(caller, "/api/calls", `&contact_id=${contactId}`);

describe.each([
  ["an x-api-key", (t: Tenant) => t.key],
  ["a Bearer API key", bearer],
  ["a session cookie", (t: Tenant) => t.owner],
])("with %s", (_via, callerOf) => {
  it("a new number creates a stub contact holding it as its preferred phone", async () => {
    const caller = callerOf(a);
    const number = freshNumber();
    const before = await contactCount(caller);
    const answer = await expectRing(caller, {
      from: national(number),
      to: "+15557654321",
      provider: "twilio",
      provider_call_id: freshCallId(),
    });
    expect(answer).toEqual({
      call_id: expect.stringMatching(UUID),
      contact: { id: expect.stringMatching(UUID), first_name: "", last_name: "", is_stub: true },
      contact_created: true,
      caller: "identified",
    });
    const stub = await expectJson(caller, "GET", `/api/contacts/${answer.contact.id}`, undefined, 200);
    expect(stub).toMatchObject({
      id: answer.contact.id,
      first_name: "",
      last_name: "",
      is_stub: true,
      emails: [],
      enriched_at: null,
    });
    expect(stub.phones).toEqual([
      {
        id: expect.any(String),
        phone_number: number,
        label: null,
        is_preferred: true,
        created_at: expect.stringMatching(ISO),
      },
    ]);
    expect(await contactCount(caller)).toBe(before + 1);
  });

  it("a known number in any format answers its contact and creates nothing", async () => {
    const caller = callerOf(a);
    const number = freshNumber();
    const known = await createContact(caller, {
      first_name: "Ada",
      last_name: "Lovelace",
      phones: [{ phone_number: number }],
    });
    const before = await contactCount(caller);
    for (const from of [
      national(number),
      number,
      number.slice(2),
      `+1 ${number.slice(2, 5)}.${number.slice(5, 8)}.${number.slice(8)}`,
    ]) {
      const answer = await expectRing(caller, { from });
      expect(answer).toEqual({
        call_id: expect.stringMatching(UUID),
        contact: { id: known.id, first_name: "Ada", last_name: "Lovelace", is_stub: false },
        contact_created: false,
        caller: "identified",
      });
    }
    expect(await contactCount(caller)).toBe(before);
    expect(await callIdsOf(caller, known.id)).toHaveLength(4);
  });
});

describe("resolving the caller", () => {
  it("the seed's (555) 123-4567 is read in the default country as +15551234567", async () => {
    const known = await createContact(a.key, { first_name: "Seed", phones: [{ phone_number: "+15551234567" }] });
    const answer = await expectRing(a.key, { from: "(555) 123-4567" });
    expect(answer).toMatchObject({
      contact: { id: known.id, is_stub: false },
      contact_created: false,
      caller: "identified",
    });
    const call = await getCall(a.key, answer.call_id);
    expect(call).toMatchObject({ contact_id: known.id, from: "+15551234567", caller: "identified" });
  });

  it("the call is recorded with the caller's E.164 number and what the provider sent", async () => {
    const number = freshNumber();
    const providerCallId = freshCallId();
    const answer = await expectRing(a.key, {
      from: national(number),
      to: "+15557654321",
      provider: " twilio ",
      provider_call_id: providerCallId,
    });
    const call = await getCall(a.key, answer.call_id);
    expect(call).toEqual({
      id: answer.call_id,
      contact_id: answer.contact.id,
      from: number,
      to: "+15557654321",
      provider: "twilio",
      provider_call_id: providerCallId,
      caller: "identified",
      caller_verified: false,
      transcription: null,
      enrichment_status: null,
      enrichment_error: null,
      erased: false,
      created_at: expect.stringMatching(ISO),
    });
  });

  it("only from is required; the call's other fields are null", async () => {
    const answer = await expectRing(a.key, { from: freshNumber() });
    const call = await getCall(a.key, answer.call_id);
    expect(call).toMatchObject({ to: null, provider: null, provider_call_id: null });
  });

  it("international formats and the 011 prefix find the same contact", async () => {
    const known = await createContact(a.key, { first_name: "London", phones: [{ phone_number: "+44 20 7183 8750" }] });
    for (const from of ["+442071838750", "+44 (0)20 7183 8750", "011 44 20 7183 8750"]) {
      expect(await expectRing(a.key, { from })).toMatchObject({
        contact: { id: known.id },
        contact_created: false,
        caller: "identified",
      });
    }
  });

  it("a number without + is read in DEFAULT_PHONE_COUNTRY", async () => {
    const res = await sendWithBindings({ DEFAULT_PHONE_COUNTRY: "GB" }, b.key, "POST", INBOUND, {
      from: "020 7946 0123",
    });
    const answer = await expectStatus(res, 201);
    expect((await getCall(b.key, answer.call_id)).from).toBe("+442079460123");
    // Read in the US (the test default), the same digits are another number entirely.
    expect((await expectRing(b.key, { from: "020 7946 0123" })).caller).toBe("invalid");
  });

  it("a stub is reused by the next ring from its number", async () => {
    const number = freshNumber();
    const first = await expectRing(a.key, { from: number });
    const second = await expectRing(a.key, { from: national(number) });
    expect(second).toEqual({
      call_id: expect.stringMatching(UUID),
      contact: first.contact,
      contact_created: false,
      caller: "identified",
    });
    expect(second.call_id).not.toBe(first.call_id);
    expect(await holdersOf(a.key, number)).toHaveLength(1);
  });

  it("a number another organization holds is new to this one", async () => {
    const number = freshNumber();
    const theirs = await createContact(b.key, { first_name: "Theirs", phones: [{ phone_number: number }] });
    const answer = await expectRing(a.key, { from: number });
    expect(answer.contact_created).toBe(true);
    expect(answer.contact.id).not.toBe(theirs.id);
    expect((await holdersOf(b.key, number)).map((c) => c.id)).toEqual([theirs.id]);
  });
});

describe("withheld and invalid callers", () => {
  const withheld = [
    "anonymous",
    "Anonymous",
    "ANONYMOUS",
    "restricted",
    "RESTRICTED",
    "private",
    "Private",
    "unknown",
    "UNKNOWN",
    "unavailable",
    "Unavailable",
    "blocked",
    "BLOCKED",
    " anonymous ",
    "",
    "   ",
    "+266696687",
    "+7378742833",
    "+2562533",
    "+8656696",
    "+86282452253",
  ];
  const invalid = ["12", "abc", "+1 555", "not a number"];

  async function expectRecordedWithoutContact(from: string, kind: "withheld" | "invalid") {
    const providerCallId = freshCallId();
    const answer = await expectRing(a.key, { from, provider: "twilio", provider_call_id: providerCallId });
    expect(answer).toEqual({
      call_id: expect.stringMatching(UUID),
      contact: null,
      contact_created: false,
      caller: kind,
    });
    const call = await getCall(a.key, answer.call_id);
    expect(call).toMatchObject({
      id: answer.call_id,
      contact_id: null,
      caller: kind,
      provider_call_id: providerCallId,
      from: from.trim(),
    });
  }

  it.each(withheld)("%j is withheld: recorded, no contact", async (from) => {
    const before = await contactCount(a.key);
    await expectRecordedWithoutContact(from, "withheld");
    expect(await contactCount(a.key)).toBe(before);
  });

  it.each(invalid)("%j is invalid: recorded, no contact", async (from) => {
    const before = await contactCount(a.key);
    await expectRecordedWithoutContact(from, "invalid");
    expect(await contactCount(a.key)).toBe(before);
  });

  it("a placeholder held by a contact is still withheld and matches nothing", async () => {
    // Contacts cannot hold a placeholder through the API either: it is not a phone number.
    await expectError(
      await send(a.key, "POST", "/api/contacts", { phones: [{ phone_number: "+266696687" }] }),
      400,
      "validation_failed",
    );
    const answer = await expectRing(a.key, { from: "+266696687" });
    expect(answer).toMatchObject({ contact: null, caller: "withheld" });
  });

  it("withheld rings with the same provider_call_id are replays too", async () => {
    const providerCallId = freshCallId();
    const first = await expectRing(a.key, { from: "anonymous", provider_call_id: providerCallId }, 201);
    const second = await expectRing(a.key, { from: "anonymous", provider_call_id: providerCallId }, 200);
    expect(second).toEqual(first);
  });
});

describe("webhook replays", () => {
  it("the same provider_call_id twice answers the first call: 201 then 200, nothing created twice", async () => {
    const number = freshNumber();
    const providerCallId = freshCallId();
    const before = await contactCount(a.key);
    const body = { from: number, to: "+15557654321", provider: "twilio", provider_call_id: providerCallId };
    const first = await expectRing(a.key, body, 201);
    expect(first.contact_created).toBe(true);
    const second = await expectRing(a.key, body, 200);
    expect(second).toEqual({ ...first, contact_created: false });
    expect(await contactCount(a.key)).toBe(before + 1);
    expect(await callIdsOf(a.key, first.contact.id)).toEqual([first.call_id]);
  });

  it("a replay sent with a session answers the call an API key recorded", async () => {
    const providerCallId = freshCallId();
    const first = await expectRing(a.key, { from: freshNumber(), provider_call_id: providerCallId }, 201);
    const second = await expectRing(a.owner, { from: freshNumber(), provider_call_id: providerCallId }, 200);
    expect(second).toEqual({ ...first, contact_created: false });
  });

  it("a replay from another number answers the first call and creates no contact for it", async () => {
    const providerCallId = freshCallId();
    const first = await expectRing(a.key, { from: freshNumber(), provider_call_id: providerCallId }, 201);
    const other = freshNumber();
    const second = await expectRing(a.key, { from: other, provider_call_id: providerCallId }, 200);
    expect(second).toEqual({ ...first, contact_created: false });
    expect(await holdersOf(a.key, other)).toEqual([]);
  });

  it("the same provider_call_id in another organization is a call of its own", async () => {
    const number = freshNumber();
    const providerCallId = freshCallId();
    const ours = await expectRing(a.key, { from: number, provider_call_id: providerCallId }, 201);
    const theirs = await expectRing(b.key, { from: number, provider_call_id: providerCallId }, 201);
    expect(theirs.call_id).not.toBe(ours.call_id);
    expect(theirs.contact_created).toBe(true);
    expect(theirs.contact.id).not.toBe(ours.contact.id);
    await getCall(b.key, theirs.call_id);
    await expectError(await send(b.key, "GET", `/api/calls/${ours.call_id}`), 404, "not_found");
    // And a replay in each organization still finds its own call.
    expect((await expectRing(a.key, { from: number, provider_call_id: providerCallId }, 200)).call_id).toBe(
      ours.call_id,
    );
    expect((await expectRing(b.key, { from: number, provider_call_id: providerCallId }, 200)).call_id).toBe(
      theirs.call_id,
    );
  });

  it("a replay after the contact was deleted creates no new stub", async () => {
    const number = freshNumber();
    const providerCallId = freshCallId();
    const first = await expectRing(a.key, { from: number, provider_call_id: providerCallId }, 201);
    await expectStatus(await send(a.key, "DELETE", `/api/contacts/${first.contact.id}`), 204);
    const before = await contactCount(a.key);
    const replay = await expectRing(a.key, { from: number, provider_call_id: providerCallId }, 200);
    expect(replay).toEqual({ call_id: first.call_id, contact: null, contact_created: false, caller: "identified" });
    expect(await contactCount(a.key)).toBe(before);
    expect(await holdersOf(a.key, number)).toEqual([]);
    // A new call from the number is a new ring: it creates a stub again.
    const next = await expectRing(a.key, { from: number, provider_call_id: freshCallId() }, 201);
    expect(next.contact_created).toBe(true);
  });

  it("rings without a provider_call_id are never replays", async () => {
    const number = freshNumber();
    const first = await expectRing(a.key, { from: number }, 201);
    const second = await expectRing(a.key, { from: number }, 201);
    expect(second.call_id).not.toBe(first.call_id);
    expect(await callIdsOf(a.key, first.contact.id)).toHaveLength(2);
  });
});

describe("concurrent rings", () => {
  it("20 parallel rings from one new number create exactly one contact and 20 calls", async () => {
    const number = freshNumber();
    const before = await contactCount(a.key);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ring(i % 2 ? a.key : bearer(a), { from: number, provider_call_id: freshCallId() }),
      ),
    );
    const answers = await Promise.all(responses.map((res) => expectStatus(res, 201)));
    const contactIds = new Set(answers.map((r) => r.contact.id));
    expect(contactIds.size).toBe(1);
    expect(answers.filter((r) => r.contact_created)).toHaveLength(1);
    expect(new Set(answers.map((r) => r.call_id)).size).toBe(20);
    const holders = await holdersOf(a.key, number);
    expect(holders.map((c) => c.id)).toEqual([...contactIds]);
    expect(await contactCount(a.key)).toBe(before + 1);
    expect(await callIdsOf(a.key, holders[0]!.id)).toHaveLength(20);
  });

  it("10 parallel replays of one provider_call_id record exactly one call", async () => {
    const number = freshNumber();
    const providerCallId = freshCallId();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => ring(a.key, { from: number, provider_call_id: providerCallId })),
    );
    const statuses = responses.map((r) => r.status).sort();
    const answers = await Promise.all(responses.map((res) => res.json<any>()));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.call_id)).size).toBe(1);
    expect(new Set(answers.map((r) => r.contact.id)).size).toBe(1);
    expect(answers.filter((r) => r.contact_created)).toHaveLength(1);
    const holders = await holdersOf(a.key, number);
    expect(holders).toHaveLength(1);
    expect(await callIdsOf(a.key, holders[0]!.id)).toEqual([answers[0].call_id]);
  });
});

describe("bad input", () => {
  const cases: [string, unknown, (string | number)[]][] = [
    ["missing from", { to: "+15557654321" }, ["from"]],
    ["from a number", { from: 15551234567 }, ["from"]],
    ["from null", { from: null }, ["from"]],
    ["to a number", { from: "+15551234567", to: 15557654321 }, ["to"]],
    ["provider an object", { from: "+15551234567", provider: { name: "twilio" } }, ["provider"]],
    ["provider_call_id a number", { from: "+15551234567", provider_call_id: 42 }, ["provider_call_id"]],
    ["an empty provider_call_id", { from: "+15551234567", provider_call_id: "" }, ["provider_call_id"]],
    ["a blank provider_call_id", { from: "+15551234567", provider_call_id: "   " }, ["provider_call_id"]],
    [
      "an unknown field organization_id",
      { from: "+15551234567", organization_id: "00000000-0000-4000-8000-000000000000" },
      ["organization_id"],
    ],
    [
      "an unknown field contact_id",
      { from: "+15551234567", contact_id: "00000000-0000-4000-8000-000000000000" },
      ["contact_id"],
    ],
    ["from over 64 characters", { from: "1".repeat(65) }, ["from"]],
    ["to over 64 characters", { from: "+15551234567", to: "1".repeat(65) }, ["to"]],
    ["provider over 50 characters", { from: "+15551234567", provider: "p".repeat(51) }, ["provider"]],
    [
      "provider_call_id over 200 characters",
      { from: "+15551234567", provider_call_id: "c".repeat(201) },
      ["provider_call_id"],
    ],
    ["control characters in provider", { from: "+15551234567", provider: "twi\u0000lio" }, ["provider"]],
    [
      "control characters in provider_call_id",
      { from: "+15551234567", provider_call_id: "CA\n1" },
      ["provider_call_id"],
    ],
    ["an array body", [{ from: "+15551234567" }], []],
  ];

  it.each(cases)("%s is a 400 at its path, and nothing is recorded", async (_name, body, path) => {
    const before = await contactCount(a.key);
    await expectIssue(await ring(a.key, body), path);
    expect(await contactCount(a.key)).toBe(before);
  });

  it("from of exactly 64 characters is read (and is not a number)", async () => {
    expect((await expectRing(a.key, { from: "1".repeat(64) })).caller).toBe("invalid");
  });

  it("malformed JSON is a 400", async () => {
    const error = await expectError(
      await ringRaw(a.key, '{"from": "+15551234567"', "application/json"),
      400,
      "validation_failed",
    );
    expect(error.issues).toEqual([{ path: [], message: expect.any(String) }]);
  });

  it("a JSON body sent as text/plain is a 415", async () => {
    const number = freshNumber();
    await expectError(
      await ringRaw(a.key, JSON.stringify({ from: number }), "text/plain"),
      415,
      "unsupported_media_type",
    );
    await expectError(
      await ringRaw(a.key, `from=${number}`, "application/x-www-form-urlencoded"),
      415,
      "unsupported_media_type",
    );
    expect(await holdersOf(a.key, number)).toEqual([]);
  });

  it("no body at all is a 400: from is missing", async () => {
    await expectIssue(
      await request(INBOUND, { method: "POST", headers: { origin: "http://localhost:8787", ...a.key.headers } }),
      ["from"],
    );
  });

  it("a body over 64 KiB is a 413", async () => {
    const body = JSON.stringify({ from: freshNumber(), provider: "x".repeat(65 * 1024) });
    await expectError(await ringRaw(a.key, body, "application/json"), 413, "payload_too_large");
  });
});

describe("credentials", () => {
  const garbageKeys: [string, Caller][] = [
    ["a garbage x-api-key", { headers: { "x-api-key": "cik_not_a_key" } }],
    ["a garbage Bearer key", { headers: { authorization: "Bearer cik_not_a_key" } }],
    ["an x-api-key that is not even key-shaped", { headers: { "x-api-key": "hello" } }],
  ];

  it.each(garbageKeys)("%s is a 401", async (_name, caller) => {
    await expectError(await ring(caller, { from: freshNumber() }), 401, "unauthenticated");
  });

  it.each(garbageKeys)("%s is a 401 even with a bad body: credentials come first", async (_name, caller) => {
    await expectError(await ring(caller, {}), 401, "unauthenticated");
    await expectError(
      await ring(caller, { from: freshNumber(), organization_id: a.organizationId }),
      401,
      "unauthenticated",
    );
    await expectError(await ring(caller, { from: 5 }), 401, "unauthenticated");
    await expectError(await ringRaw(caller, "{not json", "application/json"), 401, "unauthenticated");
    await expectError(
      await ringRaw(caller, JSON.stringify({ from: freshNumber() }), "text/plain"),
      401,
      "unauthenticated",
    );
  });

  it("a revoked key is a 401 at once, and nothing is written", async () => {
    const t = await newTenant();
    const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: "to revoke" }, 201);
    const revoked: Caller = { headers: { "x-api-key": created.key } };
    await expectRing(revoked, { from: freshNumber() }, 201);
    await expectStatus(await send(t.owner, "DELETE", `/api/api-keys/${created.id}`), 204);
    const number = freshNumber();
    await expectError(await ring(revoked, { from: number }), 401, "unauthenticated");
    await expectError(
      await ring({ headers: { authorization: `Bearer ${created.key}` } }, { from: number }),
      401,
      "unauthenticated",
    );
    await expectError(await ring(revoked, { from: number, contact_id: "x" }), 401, "unauthenticated");
    expect(await holdersOf(t.key, number)).toEqual([]);
    expect(await contactCount(t.key)).toBe(1);
  });

  it("no credentials is a 401, also with a bad body", async () => {
    await expectError(await ring(anonymous, { from: freshNumber() }), 401, "unauthenticated");
    await expectError(await ring(anonymous, {}), 401, "unauthenticated");
    await expectError(await ringRaw(anonymous, "{not json", "application/json"), 401, "unauthenticated");
  });

  it("a session without an active organization is a 403", async () => {
    const user = await signUp("No Org");
    await expectError(await ring(user, { from: freshNumber() }), 403, "no_active_organization");
  });

  it("an API key rings into its own organization only", async () => {
    const number = freshNumber();
    const answer = await expectRing(b.key, { from: number });
    expect(await holdersOf(a.key, number)).toEqual([]);
    expect((await holdersOf(b.key, number)).map((c) => c.id)).toEqual([answer.contact.id]);
    await expectError(await send(a.key, "GET", `/api/calls/${answer.call_id}`), 404, "not_found");
  });
});
