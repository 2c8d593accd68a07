import { describe, expect, it } from "vitest";
import { emails, entriesPath, entryPath, expectAdded, kinds, newContact, phones } from "../support/entry-helpers";
import { BASE, expectError, getContact, NO_SUCH_ID, newTenant, request, send, sendRaw } from "../support/helpers";

/*
 * What the phone and email sub-routes refuse: invalid fields at their path, bodies that are not
 * JSON objects, the wrong content type or size, ids that are not UUIDs; and a refused request
 * changes nothing. Every test has a tenant of its own.
 */

describe("phones: validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["phone_number of the wrong type", { phone_number: 14155552671 }, "phone_number"],
    ["phone_number null", { phone_number: null }, "phone_number"],
    ["a missing phone_number", { label: "Mobile" }, "phone_number"],
    ["an empty phone_number", { phone_number: "" }, "phone_number"],
    ["a phone_number over 64 characters", { phone_number: "1".repeat(65) }, "phone_number"],
    ["a phone_number with a control character", { phone_number: "+1 415\u0000555 2671" }, "phone_number"],
    ["the too-short number 12", { phone_number: "12" }, "phone_number"],
    ["text that is not a number", { phone_number: "not a number" }, "phone_number"],
    ["the withheld word anonymous", { phone_number: "anonymous" }, "phone_number"],
    ["the withheld placeholder +266696687", { phone_number: "+266696687" }, "phone_number"],
    ["a label of the wrong type", { phone_number: "+14155552671", label: 7 }, "label"],
    ["a label over 50 characters", { phone_number: "+14155552671", label: "x".repeat(51) }, "label"],
    ["a label with a control character", { phone_number: "+14155552671", label: "Mo\u0007bile" }, "label"],
    ["is_preferred of the wrong type", { phone_number: "+14155552671", is_preferred: "yes" }, "is_preferred"],
    ["an unknown field contact_id", { phone_number: "+14155552671", contact_id: NO_SUCH_ID }, "contact_id"],
    ["an unknown field id", { phone_number: "+14155552671", id: NO_SUCH_ID }, "id"],
    ["an unknown field organization_id", { phone_number: "+14155552671", organization_id: "x" }, "organization_id"],
  ];

  it.each(cases)("POST with %s is a 400 at that field", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const error = await expectError(
      await send(t.key, "POST", entriesPath(phones, c.id), body),
      400,
      "validation_failed",
    );
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect(error.message).toContain(field);
    expect((await getContact(t.key, c.id)).phones).toEqual([]);
  });

  const updates: [string, Record<string, unknown>, string][] = [
    ["phone_number of the wrong type", { phone_number: 14155552671 }, "phone_number"],
    ["a phone_number over 64 characters", { phone_number: "1".repeat(65) }, "phone_number"],
    ["a phone_number with a control character", { phone_number: "+1 415\u0007555 2671" }, "phone_number"],
    ["an invalid number", { phone_number: "12" }, "phone_number"],
    ["the withheld placeholder +266696687", { phone_number: "+266696687" }, "phone_number"],
    ["the withheld word anonymous", { phone_number: "anonymous" }, "phone_number"],
    ["a label over 50 characters", { label: "x".repeat(51) }, "label"],
    ["a label with a control character", { label: "a\u001bb" }, "label"],
    ["is_preferred null", { is_preferred: null }, "is_preferred"],
    ["an unknown field id", { id: NO_SUCH_ID }, "id"],
    ["an unknown field contact_id beside a known one", { label: "x", contact_id: NO_SUCH_ID }, "contact_id"],
  ];

  it.each(updates)("PUT with %s is a 400 at that field and changes nothing", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const phone = await expectAdded(t.key, phones, c.id, "+14155552671", { label: "Mobile" });
    const error = await expectError(
      await send(t.key, "PUT", entryPath(phones, c.id, phone.id), body),
      400,
      "validation_failed",
    );
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect((await getContact(t.key, c.id)).phones).toEqual([phone]);
  });
});

describe("emails: validation", () => {
  /** A valid-looking address of `length` characters (a 64-character local part, 60-character labels). */
  const emailOf = (length: number) =>
    `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(length - 252)}.com`;
  const longEmail = emailOf(255);
  const cases: [string, Record<string, unknown>, string][] = [
    ["email of the wrong type", { email: 42 }, "email"],
    ["email null", { email: null }, "email"],
    ["a missing email", { label: "Work" }, "email"],
    ["an empty email", { email: "" }, "email"],
    ["an email over 254 characters", { email: longEmail }, "email"],
    ["an email with a control character", { email: "ada\u0000@example.com" }, "email"],
    ["an address without @", { email: "ada.example.com" }, "email"],
    ["an address without a domain", { email: "ada@" }, "email"],
    ["an address with a space", { email: "ada lovelace@example.com" }, "email"],
    ["a label of the wrong type", { email: "ada@example.com", label: ["Work"] }, "label"],
    ["a label over 50 characters", { email: "ada@example.com", label: "x".repeat(51) }, "label"],
    ["a label with a control character", { email: "ada@example.com", label: "Wo\nrk" }, "label"],
    ["is_preferred of the wrong type", { email: "ada@example.com", is_preferred: 1 }, "is_preferred"],
    ["an unknown field contact_id", { email: "ada@example.com", contact_id: NO_SUCH_ID }, "contact_id"],
    ["an unknown field id", { email: "ada@example.com", id: NO_SUCH_ID }, "id"],
    ["an unknown field source (only enrichment sets it)", { email: "ada@example.com", source: "enrichment" }, "source"],
  ];

  it("an address of exactly 254 characters is accepted, 255 is a 400 for its length", async () => {
    expect(emailOf(254)).toHaveLength(254);
    expect(longEmail).toHaveLength(255);
    const t = await newTenant();
    const c = await newContact(t);
    expect((await expectAdded(t.key, emails, c.id, emailOf(254).toUpperCase())).email).toBe(emailOf(254));
    const error = await expectError(
      await send(t.key, "POST", entriesPath(emails, c.id), { email: longEmail }),
      400,
      "validation_failed",
    );
    expect(error.issues).toEqual([{ path: ["email"], message: "at most 254 characters" }]);
  });

  it.each(cases)("POST with %s is a 400 at that field", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const error = await expectError(
      await send(t.key, "POST", entriesPath(emails, c.id), body),
      400,
      "validation_failed",
    );
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect(error.message).toContain(field);
    expect((await getContact(t.key, c.id)).emails).toEqual([]);
  });

  const updates: [string, Record<string, unknown>, string][] = [
    ["email of the wrong type", { email: false }, "email"],
    ["an invalid address", { email: "not an email" }, "email"],
    ["an email over 254 characters", { email: longEmail }, "email"],
    ["a label over 50 characters", { label: "x".repeat(51) }, "label"],
    ["is_preferred of the wrong type", { is_preferred: "true" }, "is_preferred"],
    ["an unknown field source", { source: "enrichment" }, "source"],
    ["an unknown field created_at", { created_at: "2026-11-23T21:00:00.000Z" }, "created_at"],
  ];

  it.each(updates)("PUT with %s is a 400 at that field and changes nothing", async (_, body, field) => {
    const t = await newTenant();
    const c = await newContact(t);
    const email = await expectAdded(t.key, emails, c.id, "ada@example.com", { label: "Work" });
    const error = await expectError(
      await send(t.key, "PUT", entryPath(emails, c.id, email.id), body),
      400,
      "validation_failed",
    );
    expect(error.issues?.map((i) => i.path)).toContainEqual([field]);
    expect((await getContact(t.key, c.id)).emails).toEqual([email]);
  });
});

describe.each(kinds)("$plural: request bodies", (kind) => {
  it("PUT with {} is a 400", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    await expectError(await send(t.key, "PUT", entryPath(kind, c.id, entry.id), {}), 400, "validation_failed");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a body that is not a JSON object is a 400", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), [kind.value(1)]), 400, "validation_failed");
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), kind.value(1)), 400, "validation_failed");
  });

  it("malformed JSON is a 400, on POST and on PUT", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    await expectError(
      await sendRaw(t.key, "POST", entriesPath(kind, c.id), `{"${kind.field}": "${kind.value(2)}"`, "application/json"),
      400,
      "validation_failed",
    );
    await expectError(
      await sendRaw(t.key, "PUT", entryPath(kind, c.id, entry.id), "{label: 'x'}", "application/json"),
      400,
      "validation_failed",
    );
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a POST or PUT without a body is a 400", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    await expectError(
      await sendRaw(t.key, "POST", entriesPath(kind, c.id), "", "application/json"),
      400,
      "validation_failed",
    );
    await expectError(
      await sendRaw(t.key, "PUT", entryPath(kind, c.id, entry.id), "", "application/json"),
      400,
      "validation_failed",
    );
  });

  it("text/plain is a 415, on POST and on PUT", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    const body = JSON.stringify({ [kind.field]: kind.value(2) });
    await expectError(
      await sendRaw(t.key, "POST", entriesPath(kind, c.id), body, "text/plain"),
      415,
      "unsupported_media_type",
    );
    await expectError(
      await sendRaw(t.key, "PUT", entryPath(kind, c.id, entry.id), JSON.stringify({ label: "x" }), "text/plain"),
      415,
      "unsupported_media_type",
    );
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("a body without a content-type is a 415", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const res = await request(entriesPath(kind, c.id), {
      method: "POST",
      headers: { origin: BASE, ...t.key.headers },
      body: JSON.stringify({ [kind.field]: kind.value(1) }),
    });
    await expectError(res, 415, "unsupported_media_type");
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([]);
  });

  it("application/json with a charset is accepted", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const res = await sendRaw(
      t.key,
      "POST",
      entriesPath(kind, c.id),
      JSON.stringify({ [kind.field]: kind.value(1), label: "Zürich ☎" }),
      "application/json; charset=utf-8",
    );
    expect(await res.json()).toMatchObject({ [kind.field]: kind.value(1), label: "Zürich ☎" });
  });

  it("a body over 64 KiB is a 413", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    const entry = await expectAdded(t.key, kind, c.id, kind.value(1));
    const big = { [kind.field]: kind.value(2), label: "x".repeat(65 * 1024) };
    await expectError(await send(t.key, "POST", entriesPath(kind, c.id), big), 413, "payload_too_large");
    await expectError(
      await send(t.key, "PUT", entryPath(kind, c.id, entry.id), { label: "x".repeat(65 * 1024) }),
      413,
      "payload_too_large",
    );
    expect((await getContact(t.key, c.id))[kind.plural]).toEqual([entry]);
  });

  it("an id in the path that is not a UUID is a 400, never a 500", async () => {
    const t = await newTenant();
    const c = await newContact(t);
    await expectError(
      await send(t.key, "POST", entriesPath(kind, "not-a-uuid"), { [kind.field]: kind.value(1) }),
      400,
      "validation_failed",
    );
    await expectError(
      await send(t.key, "PUT", entryPath(kind, c.id, "not-a-uuid"), { label: "x" }),
      400,
      "validation_failed",
    );
    await expectError(await send(t.key, "DELETE", entryPath(kind, c.id, "not-a-uuid")), 400, "validation_failed");
  });
});
