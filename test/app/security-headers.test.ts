import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  BASE,
  createContact,
  freshCallId,
  freshNumber,
  NO_SUCH_ID,
  newTenant,
  request,
  ring,
  send,
  signIn,
  signUp,
  type Tenant,
} from "../support/helpers";
import { connect, deliver, ringRequest } from "../support/webhook-helpers";

/*
 * The headers of every answer the Worker gives (the API, better-auth's routes, the webhooks,
 * /healthz), successes and failures alike. The static pages' (the SPA, /api/docs) come from the
 * assets' _headers file, which only `wrangler dev` applies: e2e/security.test.ts checks those.
 */

/** Asserts the headers every Worker answer must carry. */
function expectHardened(res: Response, what: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  // Nothing loads from an answer rendered by mistake as a page, and no site may frame it.
  expect(csp, `${what}: content-security-policy`).toMatch(/(^|;\s*)default-src 'none'(;|$)/);
  expect(csp, `${what}: content-security-policy`).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
  expect(res.headers.get("x-content-type-options"), `${what}: x-content-type-options`).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), `${what}: referrer-policy`).toBe("same-origin");
  expect(res.headers.get("cache-control"), `${what}: cache-control`).toBe("no-store");
}

let tenant: Tenant;
beforeAll(async () => {
  tenant = await newTenant();
});

describe("the API's answers carry the security headers", () => {
  it("a success: a list, a created contact, a contact read", async () => {
    const list = await send(tenant.key, "GET", "/api/contacts");
    expect(list.status).toBe(200);
    expectHardened(list, "GET /api/contacts");
    const created = await createContact(tenant.key, { first_name: "Ada", phones: [{ phone_number: freshNumber() }] });
    const read = await send(tenant.key, "GET", `/api/contacts/${created.id}`);
    expect(read.status).toBe(200);
    expectHardened(read, "GET /api/contacts/{id}");
  });

  it("the ring (POST /api/calls/inbound), answered before the shared middleware", async () => {
    const res = await ring(tenant.key, {
      from: freshNumber(),
      to: "+15557654321",
      provider: "twilio",
      provider_call_id: freshCallId(),
    });
    expect(res.status).toBe(201);
    expectHardened(res, "POST /api/calls/inbound");
  });

  it("errors: no credentials, bad input, another organization's contact, an unknown route", async () => {
    const unauthenticated = await send(anonymous, "GET", "/api/contacts");
    expect(unauthenticated.status).toBe(401);
    expectHardened(unauthenticated, "401");

    const invalid = await send(tenant.key, "POST", "/api/contacts", { first_name: 7 });
    expect(invalid.status).toBe(400);
    expectHardened(invalid, "400");

    const other = await newTenant();
    const theirs = await createContact(other.key, { first_name: "Grace" });
    const hidden = await send(tenant.key, "GET", `/api/contacts/${theirs.id}`);
    expect(hidden.status).toBe(404);
    expectHardened(hidden, "another organization's contact");

    const unknown = await send(tenant.key, "GET", "/api/nope");
    expect(unknown.status).toBe(404);
    expectHardened(unknown, "unknown /api route");
    const outside = await request("/nope");
    expect(outside.status).toBe(404);
    expectHardened(outside, "unknown route outside /api");
  });

  it("the public routes: /healthz and /api/openapi.json", async () => {
    for (const path of ["/healthz", "/api/openapi.json"]) {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      expectHardened(res, path);
    }
  });
});

describe("better-auth's answers carry them too", () => {
  it("a session read, a sign-in refused and a sign-in accepted (with its cookie kept)", async () => {
    const session = await send(tenant.owner, "GET", "/api/auth/get-session");
    expect(session.status).toBe(200);
    expectHardened(session, "GET /api/auth/get-session");

    const user = await signUp();
    const { user: me } = await (await send(user, "GET", "/api/auth/get-session")).json<{ user: { email: string } }>();
    const refused = await signIn(me.email, "not the password");
    expect(refused.status).toBe(401);
    expectHardened(refused, "a refused sign-in");

    const accepted = await signIn(me.email);
    expect(accepted.status).toBe(200);
    expectHardened(accepted, "a sign-in");
    expect(accepted.headers.getSetCookie().join(";")).toContain("session_token");
  });
});

describe("the webhooks' answers carry them, and still answer in the platform's format", () => {
  it("Twilio's ring is answered with TwiML", async () => {
    const hook = await connect(tenant, "twilio");
    const res = await deliver(await ringRequest(hook, { from: freshNumber() }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/xml/);
    expect(await res.text()).toContain("<Response>");
    expectHardened(res, "a Twilio ring");
  });

  it("Retell's ring is answered with JSON; an unknown hook is a 404 with the headers", async () => {
    const hook = await connect(tenant, "retell");
    const res = await deliver(await ringRequest(hook, { from: freshNumber() }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expectHardened(res, "a Retell ring");

    const unknown = await request(`/hooks/retell/${NO_SUCH_ID}`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expectHardened(unknown, "an unknown hook");
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when the request came over https", async () => {
    const res = await exportsFetch("https://caller-identity.example.com/healthz");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const error = await exportsFetch("https://caller-identity.example.com/api/contacts");
    expect(error.status).toBe(401);
    expect(error.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("is not sent over http (a local answer: a browser would ignore it anyway)", async () => {
    const res = await exportsFetch(`${BASE}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});

/** The Worker's fetch with a full URL (helpers' `request` is always on BASE, plain http). */
const exportsFetch = (url: string) => exports.default.fetch(new Request(url));
