import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { cookieOf, expectError, expectStatus, freshEmail, freshIp, PASSWORD } from "../support/helpers";

/*
 * The trusted origins of a cookie-authenticated change in local development (issue: the dev server
 * on `--port 8798`, or the UI opened at http://127.0.0.1:8787, answered `403 Invalid origin` to the
 * README's sign-up). `npm run dev` sets TRUST_LOCALHOST_ORIGINS (tools/dev-setup.mjs): then the
 * origin a request came in on is trusted when it is this machine's, on any port, by better-auth's
 * routes and the API's own cookie routes alike. Without it (production) only BETTER_AUTH_URL's
 * origin (http://localhost:8787 here) and CORS_ORIGINS are.
 */

const DEV = { TRUST_LOCALHOST_ORIGINS: "true" };
const PRODUCTION = {};

/** A browser's JSON POST to `url`, from a page of `origin`, through the app with `vars` added to the Worker's. */
async function post(vars: Record<string, string>, url: string, origin: string, body: unknown, cookie?: string) {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "content-type": "application/json", origin, "cf-connecting-ip": freshIp() };
  if (cookie) headers.cookie = cookie;
  const res = await app.fetch(
    new Request(url, { method: "POST", headers, body: JSON.stringify(body) }),
    { ...env, ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const signUp = (vars: Record<string, string>, base: string, origin = base) =>
  post(vars, `${base}/api/auth/sign-up/email`, origin, { email: freshEmail("dev"), password: PASSWORD, name: "Dev" });

/** Signs up, creates an organization and a contact, all from `base`'s own pages: the README's first steps. */
async function readmeFirstSteps(vars: Record<string, string>, base: string) {
  const signedUp = await signUp(vars, base);
  await expectStatus(signedUp.clone(), 200);
  const cookie = cookieOf(signedUp);
  const slug = `dev-${crypto.randomUUID()}`;
  await expectStatus(
    await post(vars, `${base}/api/auth/organization/create`, base, { name: "Dev", slug }, cookie),
    200,
  );
  const contact = await post(vars, `${base}/api/contacts`, base, { first_name: "Grace" }, cookie);
  return { cookie, contact };
}

describe("npm run dev: the origin the dev server is reached on", () => {
  it.each(["http://localhost:8798", "http://127.0.0.1:8787", "http://127.0.0.1:8798"])(
    "on %s, sign-up, a new organization and a contact all succeed",
    async (base) => {
      const { contact } = await readmeFirstSteps(DEV, base);
      await expectStatus(contact, 201);
    },
  );

  it("another page of this machine (another port) is still foreign, to better-auth and to the API", async () => {
    const base = "http://localhost:8798";
    const signUpFromOtherPort = await signUp(DEV, base, "http://localhost:3000");
    expect(signUpFromOtherPort.status).toBe(403);
    const { cookie } = await readmeFirstSteps(DEV, base);
    const change = await post(DEV, `${base}/api/contacts`, "http://localhost:3000", { first_name: "X" }, cookie);
    await expectError(change, 403, "forbidden");
  });

  it("a page of 127.0.0.1 changing things on localhost is foreign: only the origin the request came in on", async () => {
    expect((await signUp(DEV, "http://localhost:8798", "http://127.0.0.1:8798")).status).toBe(403);
  });

  it("a public host is never trusted for its own origin, even with the variable set by mistake", async () => {
    const res = await signUp(DEV, "https://calls.example.com", "https://calls.example.com");
    expect(res.status).toBe(403);
  });
});

describe("production (no TRUST_LOCALHOST_ORIGINS): only the configured origin", () => {
  it("BETTER_AUTH_URL's own origin signs up", async () => {
    await expectStatus(await signUp(PRODUCTION, "http://localhost:8787"), 200);
  });

  it.each(["http://127.0.0.1:8787", "http://localhost:8798"])("%s is refused a sign-up", async (base) => {
    expect((await signUp(PRODUCTION, base)).status).toBe(403);
  });

  it("a session's cookie change from 127.0.0.1:8787 is a 403 forbidden", async () => {
    const { cookie } = await readmeFirstSteps(PRODUCTION, "http://localhost:8787");
    const change = await post(PRODUCTION, "http://127.0.0.1:8787/api/contacts", "http://127.0.0.1:8787", {}, cookie);
    await expectError(change, 403, "forbidden");
  });
});
