import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import {
  anonymous,
  BASE,
  type Caller,
  createContact,
  emailOf,
  expectError,
  expectJson,
  expectNewStubCall,
  expectStatus,
  freshIp,
  freshNumber,
  getContact,
  INBOUND,
  listAllIds,
  newTenant,
  PASSWORD,
  request,
  type Tenant,
} from "../support/helpers";

/*
 * The contract's General section: cookie-authenticated requests that change something must carry
 * an Origin the service trusts (its own, and CORS_ORIGINS), else 403 `forbidden`; API keys are not
 * cookies and need none. SPAs of CORS_ORIGINS may call the API from a browser with credentials:
 * their preflights are answered before authentication, their answers carry the CORS headers.
 * (Found: our own cookie routes accepted any Origin, the body-less enrich POST included; a
 * preflight got a 401 with no CORS headers.)
 */

const FOREIGN = "https://evil.example";
const SPA = "https://spa.example.com";
const WITH_SPA = { CORS_ORIGINS: `${SPA}/, https://admin.example.com` };

let t: Tenant;

beforeAll(async () => {
  t = await newTenant();
});

/** A request as a browser on `origin` (or none) sends it; JSON when there is a body. */
function init(caller: Caller, method: string, origin: string | null, body?: unknown): RequestInit {
  const headers: Record<string, string> = { ...caller.headers, ...(origin === null ? {} : { origin }) };
  if (body !== undefined) headers["content-type"] = "application/json";
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

/** Through the app with some of the Worker's variables replaced (CORS_ORIGINS here). */
async function fetchWith(bindings: Partial<Record<keyof Env, string>>, path: string, requestInit: RequestInit) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(BASE + path, requestInit), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const preflight = (origin: string, method = "POST"): RequestInit => ({
  method: "OPTIONS",
  headers: { origin, "access-control-request-method": method, "access-control-request-headers": "content-type" },
});

/** Every state-changing route of the OpenAPI document, with its path parameters filled in. */
async function stateChangingRoutes(): Promise<[method: string, path: string][]> {
  const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith("/api/"))
    .flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => ["post", "put", "patch", "delete"].includes(m))
        .map((m): [string, string] => [m.toUpperCase(), path.replace(/\{\w+\}/g, () => crypto.randomUUID())]),
    );
}

describe("the Origin of a cookie-authenticated change", () => {
  it("every state-changing route refuses a session from a foreign origin with 403 forbidden", async () => {
    const routes = await stateChangingRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const [method, path] of routes) {
      const res = await request(path, init(t.owner, method, FOREIGN, method === "DELETE" ? undefined : {}));
      const error = await expectError(res, 403, "forbidden");
      expect(error.message, `${method} ${path}`).toMatch(/origin/i);
    }
  });

  it("a foreign origin's POST, PUT and DELETE change nothing", async () => {
    const contact = await createContact(t.key, { first_name: "Kept", phones: [{ phone_number: freshNumber() }] });
    const before = await listAllIds(t.key, "/api/contacts");
    const attempts = [
      request("/api/contacts", init(t.owner, "POST", FOREIGN, { first_name: "Forged" })),
      request(`/api/contacts/${contact.id}`, init(t.owner, "PUT", FOREIGN, { first_name: "Forged" })),
      request(`/api/contacts/${contact.id}`, init(t.owner, "DELETE", FOREIGN)),
      request(`/api/contacts/${contact.id}/phones`, init(t.owner, "POST", FOREIGN, { phone_number: freshNumber() })),
    ];
    for (const res of await Promise.all(attempts)) await expectError(res, 403, "forbidden");
    expect(await listAllIds(t.key, "/api/contacts")).toEqual(before);
    expect(await getContact(t.key, contact.id)).toEqual(contact);
  });

  it("a change without an Origin, or with the opaque `null` one, is a 403 too", async () => {
    await expectError(
      await request("/api/contacts", init(t.owner, "POST", null, { first_name: "X" })),
      403,
      "forbidden",
    );
    await expectError(
      await request("/api/contacts", init(t.owner, "POST", "null", { first_name: "X" })),
      403,
      "forbidden",
    );
  });

  it("the body-less POST /api/calls/{id}/enrich is checked like the rest", async () => {
    const call = await expectNewStubCall(t.key);
    const path = `/api/calls/${call.call_id}/enrich`;
    await expectError(await request(path, init(t.owner, "POST", FOREIGN)), 403, "forbidden");
    await expectError(await request(path, init(t.owner, "POST", null)), 403, "forbidden");
    expect(await expectStatus(await request(path, init(t.owner, "POST", BASE)), 202)).toMatchObject({
      enrichment: "queued",
    });
  });

  it("the ring with a session cookie is checked too", async () => {
    const res = await request(INBOUND, init(t.owner, "POST", FOREIGN, { from: freshNumber() }));
    await expectError(res, 403, "forbidden");
  });

  it("a session may read from any origin (CORS keeps the answer from a foreign page)", async () => {
    expect((await request("/api/contacts", init(t.owner, "GET", FOREIGN))).status).toBe(200);
  });

  it("the service's own origin may change things", async () => {
    await expectStatus(await request("/api/contacts", init(t.owner, "POST", BASE, { first_name: "Own" })), 201);
  });

  it("an origin of CORS_ORIGINS may change things; another still may not", async () => {
    await expectStatus(
      await fetchWith(WITH_SPA, "/api/contacts", init(t.owner, "POST", SPA, { first_name: "S" })),
      201,
    );
    await expectError(
      await fetchWith(WITH_SPA, "/api/contacts", init(t.owner, "POST", FOREIGN, { first_name: "F" })),
      403,
      "forbidden",
    );
  });

  it("an API key is not a cookie: its changes need no Origin, from anywhere", async () => {
    await expectStatus(await request("/api/contacts", init(t.key, "POST", null, { first_name: "Key" })), 201);
    await expectStatus(await request("/api/contacts", init(t.key, "POST", FOREIGN, { first_name: "Key" })), 201);
  });

  it("without credentials a foreign origin is still a 401: credentials are checked first", async () => {
    await expectError(
      await request("/api/contacts", init(anonymous, "POST", FOREIGN, { first_name: "X" })),
      401,
      "unauthenticated",
    );
  });
});

describe("better-auth's routes and CORS_ORIGINS", () => {
  const signIn = async (bindings: Partial<Record<keyof Env, string>>, origin: string) =>
    fetchWith(
      bindings,
      "/api/auth/sign-in/email",
      init({ headers: { "cf-connecting-ip": freshIp() } }, "POST", origin, {
        email: await emailOf(t.owner),
        password: PASSWORD,
      }),
    );

  it("a SPA of CORS_ORIGINS can sign in, and read the answer; a foreign origin cannot", async () => {
    const res = await signIn(WITH_SPA, SPA);
    expect(res.headers.get("access-control-allow-origin")).toBe(SPA);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    await expectStatus(res, 200);
    expect((await signIn(WITH_SPA, FOREIGN)).status).toBe(403);
    expect((await signIn({}, SPA)).status).toBe(403);
  });
});

describe("CORS", () => {
  it("a SPA's preflight is answered before authentication, for the API and better-auth alike", async () => {
    for (const path of ["/api/contacts", `/api/contacts/${crypto.randomUUID()}`, INBOUND, "/api/auth/sign-in/email"]) {
      const res = await fetchWith(WITH_SPA, path, preflight(SPA, "PUT"));
      expect(res.status, path).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(SPA);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      const methods = res.headers.get("access-control-allow-methods")?.split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "DELETE"]));
      expect(res.headers.get("access-control-allow-headers")).toMatch(/content-type/i);
      expect(res.headers.get("vary")).toMatch(/origin/i);
    }
  });

  it("every origin listed is allowed (entries are trimmed, a trailing slash ignored)", async () => {
    const res = await fetchWith(WITH_SPA, "/api/contacts", preflight("https://admin.example.com"));
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
  });

  it("a preflight from an origin not listed is refused without CORS headers", async () => {
    for (const bindings of [WITH_SPA, {}]) {
      const res = await fetchWith(bindings, "/api/contacts", preflight(FOREIGN));
      await expectError(res.clone(), 403, "forbidden");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("by default (CORS_ORIGINS empty) no origin gets CORS headers, not even a would-be SPA", async () => {
    const res = await request("/api/contacts", init(t.owner, "GET", SPA));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("a SPA's answers carry the CORS headers, errors included, and expose the request id", async () => {
    const ok = await fetchWith(WITH_SPA, "/api/contacts", init(t.owner, "GET", SPA));
    expect(ok.status).toBe(200);
    const unauthenticated = await fetchWith(WITH_SPA, "/api/contacts", init(anonymous, "GET", SPA));
    await expectError(unauthenticated.clone(), 401, "unauthenticated");
    for (const res of [ok, unauthenticated]) {
      expect(res.headers.get("access-control-allow-origin")).toBe(SPA);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("access-control-expose-headers")).toMatch(/x-request-id/i);
    }
  });

  it("another origin's answers carry no CORS headers, so its page cannot read them", async () => {
    const res = await fetchWith(WITH_SPA, "/api/contacts", init(t.owner, "GET", FOREIGN));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
