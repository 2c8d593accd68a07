import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { organizationById } from "../../src/auth/organization-sql";
import { readPhoneNumber } from "../../src/lib/phone-number";
import { resolveContact } from "../../src/mods/contact/services/resolve-contact";
import {
  createContact,
  expectNewCall,
  expectRing,
  freshCallId,
  freshNumber,
  newTenant,
  type Tenant,
} from "../support/helpers";

/*
 * resolve_contact(caller_phone, organization_id) as every ring runs it: its statements and a read
 * of the resolved contact's id in ONE D1 batch, the way the ring puts them in its batch
 * (src/mods/call/services/record-inbound-call.ts). The ring itself is covered in
 * ../call/ring.test.ts. Storage is shared by the tests of this file: each test resolves numbers
 * of its own, and counts compare before and after.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

/** The caller's number as the ring reads it. */
function callerPhone(e164: string) {
  const reading = readPhoneNumber(e164, "US");
  if (reading.kind !== "phone") throw new Error(`${e164} is not a phone number`);
  return reading;
}

/**
 * Resolves the number in the organization, in one batch; answers the contact's id and whether this
 * resolution created it.
 */
async function resolve(organizationId: string, e164: string, options: { unlessCallRecorded?: string } = {}) {
  const organization = organizationById(organizationId);
  const resolution = resolveContact(env.DB, callerPhone(e164), organization, { now: Date.now(), ...options });
  const contactId = resolution.contactIdSql("o.id");
  const read = env.DB.prepare(`SELECT ${contactId.sql} AS contact_id FROM (SELECT ${organization.sql} AS id) o`).bind(
    ...contactId.params,
    ...organization.params,
  );
  const results = await env.DB.batch<{ contact_id: string | null }>([...resolution.statements, read]);
  const resolved = results.at(-1)!.results[0]!.contact_id;
  return { contactId: resolved, created: resolved === resolution.stubContactId };
}

const contactCount = async (organizationId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM contact WHERE organization_id = ?")
    .bind(organizationId)
    .first<number>("n"))!;

/** A contact as stored, with its phones, leaving out what tells any two stubs apart (ids, numbers, times). */
async function storedShape(contactId: string) {
  const { seq, id, organization_id, created_at, updated_at, ...contact } = (await env.DB.prepare(
    "SELECT * FROM contact WHERE id = ?",
  )
    .bind(contactId)
    .first())!;
  const { results } = await env.DB.prepare("SELECT * FROM contact_phone WHERE contact_id = ? ORDER BY seq")
    .bind(contactId)
    .all();
  const phones = results.map(
    ({ seq, id, contact_id, phone_number, search_digits, created_at: phoneCreatedAt, ...phone }) => ({
      ...phone,
      createdWithContact: phoneCreatedAt === created_at,
      searchDigitsOfItsNumber: search_digits === callerPhone(String(phone_number)).searchDigits,
    }),
  );
  return { ...contact, organization_id, createdEqualsUpdated: created_at === updated_at, phones };
}

describe("resolveContact", () => {
  it("a known number resolves to its contact and creates nothing", async () => {
    const number = freshNumber();
    const known = await createContact(a.key, { first_name: "Known", phones: [{ phone_number: number }] });
    const before = await contactCount(a.organizationId);
    expect(await resolve(a.organizationId, number)).toEqual({ contactId: known.id, created: false });
    expect(await contactCount(a.organizationId)).toBe(before);
  });

  it("a new number creates one stub contact, with empty names, holding it as its preferred phone", async () => {
    const number = freshNumber();
    const before = await contactCount(a.organizationId);
    const { contactId, created } = await resolve(a.organizationId, number);
    expect(created).toBe(true);
    expect(await contactCount(a.organizationId)).toBe(before + 1);
    const stub = await env.DB.prepare("SELECT first_name, last_name, organization_id FROM contact WHERE id = ?")
      .bind(contactId)
      .first();
    expect(stub).toEqual({ first_name: "", last_name: "", organization_id: a.organizationId });
    const { results: phones } = await env.DB.prepare(
      "SELECT phone_number, search_digits, is_preferred FROM contact_phone WHERE contact_id = ?",
    )
      .bind(contactId)
      .all();
    expect(phones).toEqual([
      { phone_number: number, search_digits: callerPhone(number).searchDigits, is_preferred: 1 },
    ]);
  });

  it("stubContactId tells whether it was created: the next resolution of the number finds the stub", async () => {
    const number = freshNumber();
    const first = await resolve(a.organizationId, number);
    const second = await resolve(a.organizationId, number);
    expect(first.created).toBe(true);
    expect(second).toEqual({ contactId: first.contactId, created: false });
  });

  it("another organization's same number is never matched: each organization gets its own contact", async () => {
    const number = freshNumber();
    const theirs = await createContact(b.key, { first_name: "Theirs", phones: [{ phone_number: number }] });
    const ours = await resolve(a.organizationId, number);
    expect(ours.created).toBe(true);
    expect(ours.contactId).not.toBe(theirs.id);
    expect(await resolve(b.organizationId, number)).toEqual({ contactId: theirs.id, created: false });
    expect(await resolve(a.organizationId, number)).toEqual({ contactId: ours.contactId, created: false });
  });

  it("unlessCallRecorded: once the provider call id is recorded, a new number creates nothing", async () => {
    const recorded = freshCallId();
    await expectRing(a.key, { from: "anonymous", provider_call_id: recorded });
    const before = await contactCount(a.organizationId);
    expect(await resolve(a.organizationId, freshNumber(), { unlessCallRecorded: recorded })).toEqual({
      contactId: null,
      created: false,
    });
    expect(await contactCount(a.organizationId)).toBe(before);
    // A provider call id not recorded yet, or recorded in another organization only, guards nothing.
    expect((await resolve(a.organizationId, freshNumber(), { unlessCallRecorded: freshCallId() })).created).toBe(true);
    expect((await resolve(b.organizationId, freshNumber(), { unlessCallRecorded: recorded })).created).toBe(true);
  });

  it("10 concurrent resolutions of one new number make exactly one contact", async () => {
    const number = freshNumber();
    const before = await contactCount(a.organizationId);
    const resolutions = await Promise.all(Array.from({ length: 10 }, () => resolve(a.organizationId, number)));
    expect(new Set(resolutions.map((r) => r.contactId)).size).toBe(1);
    expect(resolutions.filter((r) => r.created)).toHaveLength(1);
    expect(await contactCount(a.organizationId)).toBe(before + 1);
  });

  it("the ring goes through it: the stub a ring creates is stored as resolveContact's stub is", async () => {
    const rung = await expectNewCall(a.key, freshNumber());
    expect(rung.contact_created).toBe(true);
    const resolved = await resolve(a.organizationId, freshNumber());
    expect(await storedShape(rung.contact.id)).toEqual(await storedShape(resolved.contactId!));
  });
});
