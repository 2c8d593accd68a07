import { beforeAll, describe, expect, it } from "vitest";
import { errorsByField, isNotFound, issueMessage, messageOf } from "../../src/ui/kit/api/error-messages";
import { ApiFailure } from "../../src/ui/kit/api/errors";
import { createContact, freshNumber, newTenant, send, type Tenant } from "../support/helpers";
import { importRows } from "../support/import-helpers";

/*
 * The web UI's words for the API's errors (src/ui/kit/api/error-messages.ts): every issue message
 * the API answers with has words for people, and every error code a sentence; no raw API message.
 */

/** What issueMessage says for a message it does not know: the raw message as a sentence. */
const fallback = (message: string) => `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;

type Issue = { path: (string | number)[]; message: string };

describe("the API's issue messages", () => {
  let t: Tenant;
  let contactId: string;
  let phoneId: string;
  /** Every issue the requests below answered with. */
  const seen: Issue[] = [];

  async function issuesOf(res: Response) {
    const body = (await res.json()) as { error?: { issues?: Issue[] } };
    seen.push(...(body.error?.issues ?? []));
  }

  beforeAll(async () => {
    t = await newTenant();
    const contact = await createContact(t.key, { first_name: "Known", phones: [{ phone_number: freshNumber() }] });
    contactId = contact.id;
    phoneId = contact.phones[0].id;
    const long = (n: number) => "x".repeat(n);
    const number = freshNumber();
    await issuesOf(
      await send(t.key, "POST", "/api/contacts", {
        first_name: long(101),
        last_name: "a\u0007b",
        phones: [
          { phone_number: "12", label: long(51), is_preferred: true },
          { phone_number: "", is_preferred: true },
          { phone_number: number },
          { phone_number: number.slice(2) },
        ],
        emails: [{ email: "ada@" }],
      }),
    );
    await issuesOf(await send(t.key, "POST", "/api/contacts", {}));
    await issuesOf(
      await send(t.key, "POST", "/api/contacts", {
        phones: Array.from({ length: 21 }, (_, i) => ({ phone_number: `+1555000${2000 + i}` })),
      }),
    );
    await issuesOf(await send(t.key, "PUT", `/api/contacts/${contactId}`, {}));
    await issuesOf(await send(t.key, "PUT", `/api/contacts/${contactId}/phones/${phoneId}`, {}));
    await issuesOf(await send(t.key, "PUT", `/api/contacts/${contactId}/phones/${phoneId}`, { is_preferred: false }));
    await issuesOf(await send(t.key, "POST", `/api/contacts/${contactId}/merge`, { into: contactId }));
    await issuesOf(await send(t.key, "GET", "/api/contacts/not-an-id"));
    await issuesOf(
      await send(t.owner, "POST", "/api/integrations", {
        provider: "twilio",
        name: "",
        secret: "",
        settings: { stream_url: "https://a.example", x: "1" },
        webhook_secret: "w",
      }),
    );
    await issuesOf(await send(t.owner, "POST", "/api/integrations", { provider: "twilio", name: "T", secret: "s" }));
    await issuesOf(await send(t.owner, "POST", "/api/integrations", { provider: "vapi", name: "V", secret: "s" }));
    await issuesOf(await send(t.owner, "POST", "/api/integrations", { provider: "telnyx", name: "T", secret: "x" }));
    await issuesOf(await send(t.owner, "POST", "/api/api-keys", { name: "" }));
    for (const row of (await importRows(t.key, [{ phones: [{ phone_number: "12" }] }])).rows) seen.push(...row.errors);
  });

  it("the requests met the messages this test is about", () => {
    const messages = new Set(seen.map((i) => i.message));
    for (const message of [
      "not a phone number",
      "not an email address",
      "required",
      "at most 100 characters",
      "control characters are not allowed",
      "listed twice",
      "only one can be preferred",
      "give at least a name, a phone or an email",
      "at most 20 phones",
      "give first_name or last_name",
      "the only phone of a contact stays preferred",
      "a contact cannot be merged into itself",
      "not an id",
      "not a setting of twilio",
      "a wss:// URL",
      "give exactly one of stream_url (wss://…) or redirect_url (https://…)",
      "required: the assistant Vapi should run",
      "twilio has no second webhook secret",
    ])
      expect(messages).toContain(message);
  });

  it("each has words for people of its own, not the API's", () => {
    const unsaid = seen.filter((issue) => issueMessage(issue) === fallback(issue.message));
    expect(unsaid).toEqual([]);
  });

  it.each([
    [
      { path: ["phones", 1, "phone_number"], message: "not a phone number" },
      /^This doesn't look like a phone number\./,
    ],
    [{ path: ["emails", 0, "email"], message: "listed twice" }, /^This address is already in the form\./],
    [{ path: ["phones", 0, "phone_number"], message: "listed twice" }, /^This number is already in the form\./],
    [{ path: ["emails", 0, "email"], message: "required" }, /^Enter an email address\.$/],
    [{ path: ["first_name"], message: "at most 100 characters" }, /^This is too long: use at most 100 characters\.$/],
    [{ path: [], message: "give at least a name, a phone or an email" }, /a contact needs at least one of them\.$/],
  ])("%j reads %s", (issue, said) => {
    expect(issueMessage(issue)).toMatch(said);
  });

  it("an issue no rule knows reads as a sentence, without its field's name", () => {
    expect(issueMessage({ path: ["x"], message: "something new" })).toBe("Something new.");
  });
});

describe("messageOf", () => {
  const failure = (status: number, code: string, message: string, extra: Partial<ApiFailure> = {}) =>
    Object.assign(new ApiFailure(status, code, message, extra.issues ?? [], undefined, extra.requestId), extra);

  it("a failure of the service gives the request id to quote", () => {
    expect(messageOf(failure(500, "internal", "internal error", { requestId: "req-1" }))).toBe(
      "Something went wrong on our side. Try again; if it keeps happening, tell us the reference req-1.",
    );
  });

  it.each([
    ["unauthenticated", 401, "authentication required", /signed out/],
    ["forbidden", 403, "forbidden", /permission/],
    ["not_found", 404, "contact not found", /contact no longer exists/],
    ["conflict", 409, "email: a@b.c already belongs to a contact", /Another contact already has this email address/],
    ["payload_too_large", 413, "request body over 64 KiB", /too much to send/],
    ["rate_limited", 429, "too many requests", /Too many requests/],
  ])("%s is said for people", (code, status, message, said) => {
    const text = messageOf(failure(status, code, message));
    expect(text).toMatch(said);
    expect(text).not.toContain(message);
  });

  it("a validation failure says its issues for people", () => {
    const error = failure(400, "validation_failed", "phones.0.phone_number: not a phone number", {
      issues: [{ path: ["phones", 0, "phone_number"], message: "not a phone number" }],
    });
    expect(messageOf(error)).toMatch(/^This doesn't look like a phone number\./);
  });

  it("better-auth's own messages, written for people, stand", () => {
    expect(messageOf(failure(401, "INVALID_EMAIL_OR_PASSWORD", "Invalid email or password"))).toBe(
      "Invalid email or password",
    );
  });

  it("a network failure says to check the connection", () => {
    expect(messageOf(new TypeError("Failed to fetch"))).toMatch(/connection/);
  });
});

describe("isNotFound and errorsByField", () => {
  it("a 404 and an id that is no id are both not found; another 400 is not", () => {
    expect(isNotFound(new ApiFailure(404, "not_found", "contact not found"))).toBe(true);
    expect(
      isNotFound(new ApiFailure(400, "validation_failed", "id: not an id", [{ path: ["id"], message: "not an id" }])),
    ).toBe(true);
    expect(
      isNotFound(new ApiFailure(400, "validation_failed", "x", [{ path: ["first_name"], message: "required" }])),
    ).toBe(false);
    expect(isNotFound(new TypeError("offline"))).toBe(false);
  });

  it("puts each issue at its field, the first one of a field only, and the rest in the form's summary", () => {
    const error = new ApiFailure(400, "validation_failed", "…", [
      { path: ["phones", 0, "phone_number"], message: "not a phone number" },
      { path: ["phones", 0, "phone_number"], message: "listed twice" },
      { path: ["emails", 0, "email"], message: "not an email address" },
      { path: ["phones"], message: "at most 20 phones" },
    ]);
    const { fields, form } = errorsByField(error, (path) =>
      path.length === 3 ? (path[0] === "phones" ? "phone" : "email") : undefined,
    );
    expect(fields.phone).toMatch(/^This doesn't look like a phone number\./);
    expect(fields.email).toMatch(/^This doesn't look like an email address\./);
    expect(form).toBe("A contact can have at most 20 phone numbers.");
  });
});
