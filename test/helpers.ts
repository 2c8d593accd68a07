import { exports } from "cloudflare:workers";
import { expect } from "vitest";

export const BASE = "http://localhost:8787";

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

export async function json<T = any>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Sends, expects the status, and answers the parsed body. */
export async function expectJson<T = any>(caller: Caller, method: string, path: string, body: unknown, status: number): Promise<T> {
  return json<T>(await send(caller, method, path, body), status);
}

/** Asserts the contract's error envelope. */
export async function expectError(res: Response, status: number, code: string) {
  const body = await json(res, status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.request_id).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|\.ts:\d+/); // no stack trace
  return body.error as { code: string; message: string; issues?: { path: (string | number)[]; message: string }[]; existing_contact_id?: string };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A client address of its own per user, as Cloudflare sets it: better-auth rate-limits per IP. */
const randomIp = () => `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

export async function signUp(name = "Test User"): Promise<Caller> {
  const ip = { "cf-connecting-ip": randomIp() };
  const res = await send({ headers: ip }, "POST", "/api/auth/sign-up/email", { email: `${unique()}@example.com`, password: "correct horse battery", name });
  await json(res, 200);
  return { headers: { ...ip, cookie: cookieOf(res) } };
}

export async function createOrganization(user: Caller): Promise<string> {
  const slug = `org-${unique()}`;
  const org = await expectJson(user, "POST", "/api/auth/organization/create", { name: slug, slug }, 200);
  return org.id;
}

/** A new organization with a signed-in owner and an API key. */
export async function newTenant(): Promise<Tenant> {
  const owner = await signUp();
  const organizationId = await createOrganization(owner);
  const created = await expectJson(owner, "POST", "/api/api-keys", { name: "webhook" }, 201);
  return { organizationId, owner, key: { headers: { "x-api-key": created.key } }, apiKey: created.key };
}

export async function createContact(caller: Caller, body: unknown) {
  return expectJson(caller, "POST", "/api/contacts", body, 201);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A well-formed id that names nothing. */
export const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** A 400 `validation_failed` with an issue at exactly this path. */
export async function expectIssue(res: Response, path: (string | number)[]) {
  const error = await expectError(res, 400, "validation_failed");
  expect(error.issues?.map((i) => i.path)).toContainEqual(path);
  return error;
}

/** A raw request with the caller's headers, for bodies `send` would encode as JSON. */
export function sendRaw(caller: Caller, method: string, path: string, body: string, contentType: string) {
  return request(path, { method, headers: { origin: BASE, ...caller.headers, "content-type": contentType }, body });
}

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
