import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  expectNewCall,
  expectStatus,
  freshEmail,
  freshNumber,
  getCall,
  NO_SUCH_ID,
  newTenant,
  searchIds,
  send,
  type Tenant,
  transcribe,
} from "../support/helpers";
import { tablesOf } from "../support/import-helpers";

/*
 * A person's request for their data, or its erasure (contract, Data in and out):
 * GET /api/contacts/{id}/export and POST /api/contacts/{id}/erase. Erasure is checked by reading
 * the tables afterwards, the search index's own included, not only through the API.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

const exportOf = (t: Tenant, id: string) => send(t.key, "GET", `/api/contacts/${id}/export`);
const erase = (t: Tenant, id: string, body?: unknown) => send(t.key, "POST", `/api/contacts/${id}/erase`, body);

/** A contact with two numbers, an email, and a call from each number with a transcription. */
async function person(t: Tenant, first_name = "Ada") {
  const numbers = [freshNumber(), freshNumber()];
  const contact = await createContact(t.key, {
    first_name,
    last_name: "Person",
    phones: numbers.map((phone_number) => ({ phone_number })),
    emails: [{ email: freshEmail("person") }],
  });
  const calls: string[] = [];
  for (const [i, number] of numbers.entries()) {
    const call = await expectNewCall(t.key, number, { provider_call_id: `CA-${crypto.randomUUID()}` });
    await expectStatus(await transcribe(t.key, call.call_id, `Caller: this is ${first_name}, call ${i}.`), 202);
    calls.push(call.call_id);
  }
  return { contact, numbers, calls };
}

/** Records that enrichment heard `contact` give an email `other` holds: a stored duplicate suggestion. */
async function suggestDuplicate(t: Tenant, contactId: string, otherId: string) {
  await env.DB.prepare(
    `INSERT INTO contact_duplicate (organization_id, contact_id, duplicate_contact_id, reason, created_at)
     VALUES (?, ?, ?, 'email', ?)`,
  )
    .bind(t.organizationId, contactId, otherId, Date.now())
    .run();
}

describe("GET /api/contacts/{id}/export", () => {
  it("answers everything held about the person: contact, calls with transcriptions, suggestions by id", async () => {
    const { contact, calls } = await person(a);
    const other = await createContact(a.key, { first_name: "Other", phones: [{ phone_number: freshNumber() }] });
    await suggestDuplicate(a, contact.id, other.id);
    const res = await exportOf(a, contact.id);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="contact-${contact.id}.json"`);
    const body = await expectStatus(res, 200);
    expect(body.contact).toEqual(await expectJson(a.key, "GET", `/api/contacts/${contact.id}`, undefined, 200));
    expect(body.calls.map((c: { id: string }) => c.id)).toEqual([...calls].reverse());
    expect(body.calls[0]).toMatchObject({
      contact_id: contact.id,
      transcription: "Caller: this is Ada, call 1.",
      erased: false,
    });
    expect(body.duplicates).toEqual([{ contact_id: other.id, reason: "email" }]);
    expect(Date.parse(body.exported_at)).not.toBeNaN();
    // The other contact's own data is not the person's.
    expect(JSON.stringify(body)).not.toContain(other.phones[0].phone_number);
    expect(JSON.stringify(body)).not.toContain("Other");
  });

  it("pages through many calls: each once, newest first, as one JSON document", async () => {
    const number = freshNumber();
    const contact = await createContact(a.key, { first_name: "Caller", phones: [{ phone_number: number }] });
    const calls: string[] = [];
    for (let i = 0; i < 45; i++) calls.push((await expectNewCall(a.key, number)).call_id);
    const body = await expectStatus(await exportOf(a, contact.id), 200);
    expect(body.calls.map((c: { id: string }) => c.id)).toEqual(calls.reverse());
  });

  it("a contact without calls or suggestions has empty lists", async () => {
    const contact = await createContact(a.key, { first_name: "Quiet" });
    const body = await expectStatus(await exportOf(a, contact.id), 200);
    expect(body).toMatchObject({ calls: [], duplicates: [] });
  });

  it("another organization's contact, or none, is a 404; a malformed id a 400; no credentials a 401", async () => {
    const theirs = await createContact(b.key, { first_name: "Theirs" });
    await expectError(await exportOf(a, theirs.id), 404, "not_found");
    await expectError(await exportOf(a, NO_SUCH_ID), 404, "not_found");
    await expectIssue(await exportOf(a, "nope"), ["id"]);
    await expectError(await send(anonymous, "GET", `/api/contacts/${theirs.id}/export`), 401, "unauthenticated");
  });
});

describe("POST /api/contacts/{id}/erase", () => {
  it("deletes the contact, its entries, search document and suggestions, and strips its calls", async () => {
    const { contact, numbers, calls } = await person(a, "Qqqzjx");
    const other = await createContact(a.key, { first_name: "Kept", phones: [{ phone_number: freshNumber() }] });
    const keptCall = await expectNewCall(a.key, other.phones[0].phone_number);
    await suggestDuplicate(a, contact.id, other.id);
    await suggestDuplicate(a, other.id, contact.id);
    await env.DB.prepare("UPDATE call SET enrichment_error = 'the model said Qqqzjx' WHERE id = ?")
      .bind(calls[0])
      .run();
    const { seq } = (await env.DB.prepare("SELECT seq FROM contact WHERE id = ?").bind(contact.id).first<{
      seq: number;
    }>()) ?? { seq: 0 };
    expect(await searchIds(a.key, "Qqqzjx")).toEqual([contact.id]);
    expect(await expectStatus(await erase(a, contact.id), 204)).toBeNull();

    const tables = await tablesOf(a.organizationId);
    expect(tables.contacts.map((c) => c.id)).not.toContain(contact.id);
    expect(
      tables.phones.filter((p) => p.contact_id === contact.id || numbers.includes(p.phone_number as string)),
    ).toEqual([]);
    expect(tables.emails.filter((e) => e.contact_id === contact.id)).toEqual([]);
    expect(
      tables.duplicates.filter((d) => d.contact_id === contact.id || d.duplicate_contact_id === contact.id),
    ).toEqual([]);
    // The search index: no document, no stored content, no hit.
    expect(await env.DB.prepare("SELECT rowid FROM contact_search WHERE rowid = ?").bind(seq).all()).toMatchObject({
      results: [],
    });
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM contact_search_content WHERE c0 LIKE '%Qqqzjx%' OR c0 LIKE ? OR c0 LIKE ?",
    )
      .bind(`%${numbers[0]?.slice(2)}%`, `%${numbers[1]?.slice(2)}%`)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
    expect(await searchIds(a.key, "Qqqzjx")).toEqual([]);
    expect(await searchIds(a.key, numbers[0]?.slice(2) as string)).toEqual([]);

    // Its calls: kept for counting, without a trace of the person.
    const rows = (
      await env.DB.prepare(`SELECT * FROM call WHERE id IN (?, ?) ORDER BY seq`).bind(calls[0], calls[1]).all()
    ).results;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        contact_id: null,
        from: null,
        transcription: null,
        enrichment_error: null,
        erased: 1,
      });
      expect(row.provider_call_id).toEqual(expect.any(String));
      expect(row.created_at).toEqual(expect.any(Number));
    }
    const inCalls = await env.DB.prepare(
      `SELECT count(*) AS n FROM call WHERE organization_id = ? AND ("from" IN (?, ?) OR transcription LIKE '%Qqqzjx%')`,
    )
      .bind(a.organizationId, numbers[0], numbers[1])
      .first<{ n: number }>();
    expect(inCalls?.n).toBe(0);
    expect(await getCall(a.key, calls[0] as string)).toMatchObject({
      id: calls[0],
      contact_id: null,
      from: null,
      transcription: null,
      enrichment_error: null,
      erased: true,
      to: "+15557654321",
      provider: "twilio",
    });

    // Everything else stays.
    expect(await expectJson(a.key, "GET", `/api/contacts/${other.id}`, undefined, 200)).toMatchObject({
      first_name: "Kept",
    });
    expect(await getCall(a.key, keptCall.call_id)).toMatchObject({ contact_id: other.id, erased: false });
    await expectError(await send(a.key, "GET", `/api/contacts/${contact.id}`), 404, "not_found");
  });

  it("erasing twice, another organization's contact, or none is a 404, and changes nothing there", async () => {
    const { contact } = await person(a);
    await expectStatus(await erase(a, contact.id), 204);
    await expectError(await erase(a, contact.id), 404, "not_found");
    const { contact: theirs } = await person(b);
    const before = await tablesOf(b.organizationId);
    const theirCalls = (
      await env.DB.prepare("SELECT * FROM call WHERE organization_id = ?").bind(b.organizationId).all()
    ).results;
    await expectError(await erase(a, theirs.id), 404, "not_found");
    await expectError(await erase(a, NO_SUCH_ID), 404, "not_found");
    expect(await tablesOf(b.organizationId)).toEqual(before);
    expect(
      (await env.DB.prepare("SELECT * FROM call WHERE organization_id = ?").bind(b.organizationId).all()).results,
    ).toEqual(theirCalls);
  });

  it("takes no body ({} as JSON at most); no credentials is a 401; a malformed id a 400", async () => {
    const contact = await createContact(a.key, { first_name: "Bodied" });
    await expectIssue(await erase(a, contact.id, { reason: "asked" }), ["reason"]);
    await expectError(await send(anonymous, "POST", `/api/contacts/${contact.id}/erase`), 401, "unauthenticated");
    await expectIssue(await erase(a, "nope"), ["id"]);
    await expectStatus(await erase(a, contact.id, {}), 204);
  });

  it("the README's purge leaves no term of an erased contact in the search index's own pages", async () => {
    // FTS5 deletes by marking: terms of a document's versions stay in its pages until segments are
    // merged. The README's command merges them all. Pages store a term without the prefix it shares
    // with the one before it: the smallest term starting with a letter no other term starts with
    // (`ŵpq`; the emails' random parts are ASCII) is stored whole, and found.
    const { contact } = await person(a, "Ŵŵŵpqr");
    const pagesHolding = async (term: string) =>
      (
        await env.DB.prepare(
          `SELECT (SELECT count(*) FROM contact_search_data WHERE instr(block, CAST(? AS BLOB)) > 0)
              + (SELECT count(*) FROM contact_search_idx WHERE instr(term, CAST(? AS BLOB)) > 0) AS n`,
        )
          .bind(term, term)
          .first<{ n: number }>()
      )?.n;
    expect(await pagesHolding("ŵpq")).toBeGreaterThan(0);
    await expectStatus(await erase(a, contact.id), 204);
    expect(await pagesHolding("ŵpq")).toBeGreaterThan(0);
    await env.DB.prepare("INSERT INTO contact_search(contact_search) VALUES ('optimize')").run();
    expect(await pagesHolding("ŵpq")).toBe(0);
  });

  it("a transcription sent after the erasure is not kept: the call stays without a trace of the person", async () => {
    const { contact, calls } = await person(a);
    await expectStatus(await erase(a, contact.id), 204);
    const late = await transcribe(a.key, calls[0] as string, "Caller: this is Ada again, ada@example.org.");
    expect(await expectStatus(late, 202)).toEqual({ call_id: calls[0], enrichment: "not_needed" });
    const row = await env.DB.prepare("SELECT transcription, enrichment_status, erased FROM call WHERE id = ?")
      .bind(calls[0])
      .first();
    expect(row).toMatchObject({ transcription: null, erased: 1 });
    expect(row?.enrichment_status).not.toBe("queued");
  });

  it("a call never erased answers erased: false", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    expect(await getCall(a.key, call.call_id)).toMatchObject({ erased: false });
    const page = await expectJson(a.key, "GET", "/api/calls?limit=1", undefined, 200);
    expect(page.data[0]).toMatchObject({ id: call.call_id, erased: false });
  });
});
