import { exports } from "cloudflare:workers";
import { expect } from "vitest";

/*
 * What every test file uses: requests through the Worker, the assertions on their answers,
 * users, organizations and API keys to send them as, fresh values, and shortcuts for the routes
 * most tests go through (contacts, rings, calls).
 */

export const BASE = "http://localhost:8787";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A well-formed id that names nothing. */
export const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

// --- Requests -------------------------------------------------------------------------------

export interface Caller {
  /** Headers that authenticate this caller (a session cookie or an API key). */
  headers: Record<string, string>;
}

export interface Tenant {
  organizationId: string;
  /** The signed-in owner (session cookie). */
  owner: Caller;
  /** An API key of the organization. */
  key: Caller;
  apiKey: string;
}

export const anonymous: Caller = { headers: {} };

export async function request(path: string, init: RequestInit = {}) {
  return exports.default.fetch(new Request(BASE + path, init));
}

/** A JSON request as a browser or a webhook sends it. */
export async function send(caller: Caller, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { origin: BASE, ...caller.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  return request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A raw request with the caller's headers, for bodies `send` would encode as JSON. */
export function sendRaw(caller: Caller, method: string, path: string, body: string, contentType: string) {
  return request(path, { method, headers: { origin: BASE, ...caller.headers, "content-type": contentType }, body });
}

// --- Assertions on answers ------------------------------------------------------------------

/** Expects the response's status (its body is the message when it differs); answers the parsed body. */
export async function expectStatus<T = any>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Sends, expects the status, and answers the parsed body. */
export async function expectJson<T = any>(
  caller: Caller,
  method: string,
  path: string,
  body: unknown,
  status: number,
): Promise<T> {
  return expectStatus<T>(await send(caller, method, path, body), status);
}

/** Asserts the contract's error envelope. */
export async function expectError(res: Response, status: number, code: string) {
  const body = await expectStatus(res, status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.request_id).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|\.ts:\d+/); // no stack trace
  return body.error as {
    code: string;
    message: string;
    request_id: string;
    issues?: { path: (string | number)[]; message: string }[];
    existing_contact_id?: string;
  };
}

/** A 400 `validation_failed` with an issue at exactly this path. */
export async function expectIssue(res: Response, path: (string | number)[]) {
  const error = await expectError(res, 400, "validation_failed");
  expect(error.issues?.map((i) => i.path)).toContainEqual(path);
  return error;
}

// --- Fresh values ---------------------------------------------------------------------------

let uniqueCounter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(uniqueCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * This file's exchange (the NXX of +1 555 NXX XXXX), drawn once per test file: storage is per
 * file, and the draw keeps two files apart even if they ever shared it. 200–499 stays clear of
 * the numbers tests spell out (555 123-4567, 765-4321, 888-…, 999-…, 000-…).
 */
const numberExchange = 200 + Math.floor(Math.random() * 300);
let numberCounter = 0;

/** A US number (+1 555 NXX XXXX: possible, though not valid) that no other call in this file answers. */
export function freshNumber(): string {
  if (numberCounter === 9999) throw new Error("freshNumber: this file has used all 9,999 numbers of its exchange");
  return `+1555${numberExchange}${String(++numberCounter).padStart(4, "0")}`;
}

/** +15553001234 → "(555) 300-1234", as a US caller types it. */
export const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

/** An email address that no other call in this file answers, e.g. `ada.3.lx2k9q@example.com`. */
export const freshEmail = (name = "person") => `${name}.${unique()}@example.com`;

/** A provider call id (Twilio's CallSid) that no other call in this file answers. */
export const freshCallId = () => `CA-${crypto.randomUUID()}`;

/**
 * A client address that no other call in this file answers, as Cloudflare sets it in
 * cf-connecting-ip: better-auth rate-limits sign-ups and sign-ins per address. The first one is
 * drawn at random, so that two files never count against one address either.
 */
let ipCounter = Math.floor(Math.random() * 2 ** 24);
export function freshIp(): string {
  const n = ipCounter++ % 2 ** 24;
  return `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`;
}

// --- Users, organizations, API keys ---------------------------------------------------------

/** The password of every user signUp() creates. */
export const PASSWORD = "correct horse battery";

/** The session cookie a better-auth answer sets, as a `cookie` header. */
export function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A new user, signed in from an address of its own. */
export async function signUp(name = "Test User"): Promise<Caller> {
  const ip = { "cf-connecting-ip": freshIp() };
  const res = await send({ headers: ip }, "POST", "/api/auth/sign-up/email", {
    email: `${unique()}@example.com`,
    password: PASSWORD,
    name,
  });
  await expectStatus(res, 200);
  return { headers: { ...ip, cookie: cookieOf(res) } };
}

/** Signs in with email and password; answers the response, whatever its status. */
export async function signIn(email: string, password = PASSWORD, ip = freshIp()) {
  return send({ headers: { "cf-connecting-ip": ip } }, "POST", "/api/auth/sign-in/email", { email, password });
}

export async function getSession(caller: Caller) {
  return expectJson(caller, "GET", "/api/auth/get-session", undefined, 200);
}

export async function emailOf(caller: Caller): Promise<string> {
  return (await getSession(caller)).user.email;
}

/** A new organization of the user, which becomes the session's active one. */
export async function createOrganization(user: Caller): Promise<string> {
  const slug = `org-${unique()}`;
  const org = await expectJson(user, "POST", "/api/auth/organization/create", { name: slug, slug }, 200);
  return org.id;
}

export async function setActive(caller: Caller, organizationId: string) {
  return expectJson(caller, "POST", "/api/auth/organization/set-active", { organizationId }, 200);
}

/** A new user (or `user`) who joins the organization with `role` through an invitation, and makes it active. */
export async function joinAs(
  owner: Caller,
  organizationId: string,
  role: "member" | "admin",
  user?: Caller,
): Promise<Caller & { memberId: string }> {
  user ??= await signUp("Invited User");
  const email = await emailOf(user);
  const invitation = await expectJson(
    owner,
    "POST",
    "/api/auth/organization/invite-member",
    { email, role, organizationId },
    200,
  );
  expect(invitation).toMatchObject({ email, role, organizationId, status: "pending" });
  const accepted = await expectJson(
    user,
    "POST",
    "/api/auth/organization/accept-invitation",
    { invitationId: invitation.id },
    200,
  );
  expect(accepted.member).toMatchObject({ organizationId, role });
  await setActive(user, organizationId);
  return { ...user, memberId: accepted.member.id };
}

/** A new organization with a signed-in owner and an API key. */
export async function newTenant(): Promise<Tenant> {
  const owner = await signUp();
  const organizationId = await createOrganization(owner);
  const created = await expectJson(owner, "POST", "/api/api-keys", { name: "webhook" }, 201);
  return { organizationId, owner, key: { headers: { "x-api-key": created.key } }, apiKey: created.key };
}

/** The same API key sent as `authorization: Bearer` rather than `x-api-key`. */
export const bearer = (t: Tenant): Caller => ({ headers: { authorization: `Bearer ${t.apiKey}` } });

/** What the api_key table stores for a key: its SHA-256, in hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// --- Contacts -------------------------------------------------------------------------------

export async function createContact(caller: Caller, body: unknown) {
  return expectJson(caller, "POST", "/api/contacts", body, 201);
}

export const getContact = (caller: Caller, id: string) =>
  expectJson(caller, "GET", `/api/contacts/${id}`, undefined, 200);

/** The ids of the contacts a search finds (one page). */
export async function searchIds(caller: Caller, q: string): Promise<string[]> {
  const page = await expectJson(caller, "GET", `/api/contacts?q=${encodeURIComponent(q)}`, undefined, 200);
  return page.data.map((c: { id: string }) => c.id);
}

/** The first names of a page of contacts, sorted. */
export const firstNames = (page: { data: { first_name: string }[] }) => page.data.map((c) => c.first_name).sort();

/** Every id of a paginated list (`/api/contacts`, `/api/calls`), following next_cursor. */
export async function listAllIds(caller: Caller, resource: string, query = "", limit = 200): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: { id: string }[]; next_cursor: string | null } = await expectJson(
      caller,
      "GET",
      `${resource}?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      undefined,
      200,
    );
    ids.push(...page.data.map((c) => c.id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

// --- Rings and calls ------------------------------------------------------------------------

export const INBOUND = "/api/calls/inbound";

/** A ring as a telephony webhook sends it (POST /api/calls/inbound); answers the response. */
export const ring = (caller: Caller, body: unknown) => send(caller, "POST", INBOUND, body);

/** Rings and expects `status` (201 a new call, 200 a replay); answers the body. */
export const expectRing = async (caller: Caller, body: unknown, status = 201) =>
  expectStatus(await ring(caller, body), status);

/** Rings from `from` as Twilio does (to and provider set) and expects a new call (201); answers it. */
export const expectNewCall = (caller: Caller, from: string, extra: Record<string, unknown> = {}) =>
  expectRing(caller, { from, to: "+15557654321", provider: "twilio", ...extra }, 201);

/** Rings from a fresh number and expects a new call with a new stub contact; answers it. */
export async function expectNewStubCall(caller: Caller): Promise<{ call_id: string; contact: { id: string } }> {
  const call = await expectNewCall(caller, freshNumber());
  expect(call).toMatchObject({ contact_created: true, contact: { is_stub: true } });
  return call;
}

export const getCall = (caller: Caller, id: string) => expectJson(caller, "GET", `/api/calls/${id}`, undefined, 200);

/** Posts a call's transcription (POST /api/calls/{id}/transcription); answers the response. */
export const transcribe = (caller: Caller, callId: string, transcription: string) =>
  send(caller, "POST", `/api/calls/${callId}/transcription`, { transcription });
