import { describe, expect, it } from "vitest";
import {
  anonymous,
  cookieOf,
  createContact,
  createOrganization,
  emailOf,
  expectError,
  expectJson,
  expectStatus,
  firstNames,
  freshIp,
  getSession,
  newTenant,
  PASSWORD,
  send,
  setActive,
  signIn,
  signUp,
  UUID,
} from "../support/helpers";

/*
 * Accounts and sessions through better-auth (sign-up, sign-in, get-session, sign-out) as the API
 * sees them, and better-auth's per-address sign-in rate limit. Organizations are covered in
 * organizations.test.ts.
 */

describe("accounts and sessions", () => {
  it("sign-up answers the user and a session cookie; get-session shows no active organization yet", async () => {
    const ip = freshIp();
    const email = `ada-${crypto.randomUUID()}@example.com`;
    const res = await send({ headers: { "cf-connecting-ip": ip } }, "POST", "/api/auth/sign-up/email", {
      email,
      password: PASSWORD,
      name: "Ada",
    });
    const body = await expectStatus(res, 200);
    expect(body.user).toMatchObject({ email, name: "Ada" });
    expect(body.user.id).toMatch(UUID);
    const user = { headers: { "cf-connecting-ip": ip, cookie: cookieOf(res) } };
    const session = await getSession(user);
    expect(session.user).toMatchObject({ id: body.user.id, email });
    expect(session.session.activeOrganizationId ?? null).toBeNull();
  });

  it("get-session without a cookie answers null", async () => {
    expect(await expectJson(anonymous, "GET", "/api/auth/get-session", undefined, 200)).toBeNull();
  });

  it("sign-in with email and password gives a cookie that works on the API", async () => {
    const owner = await signUp();
    const organizationId = await createOrganization(owner);
    await createContact(owner, { first_name: "Signed" });
    const email = await emailOf(owner);

    const res = await signIn(email);
    const body = await expectStatus(res, 200);
    expect(body.user.email).toBe(email);
    const again = { headers: { cookie: cookieOf(res) } };
    expect(again.headers.cookie).toContain("session_token=");
    expect((await getSession(again)).user.email).toBe(email);

    // A new session has no active organization until one is chosen.
    await expectError(await send(again, "GET", "/api/contacts"), 403, "no_active_organization");
    await setActive(again, organizationId);
    expect(firstNames(await expectJson(again, "GET", "/api/contacts", undefined, 200))).toEqual(["Signed"]);
  });

  it("a wrong password or an unknown email gives no session", async () => {
    const user = await signUp();
    const email = await emailOf(user);
    const wrong = await signIn(email, "not the password at all");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie().filter((c) => /session_token=[^;]/.test(c))).toEqual([]);
    expect((await signIn(`nobody-${crypto.randomUUID()}@example.com`)).status).toBe(401);
  });

  it("sign-out ends the session: the cookie stops working at once", async () => {
    const t = await newTenant();
    await expectJson(t.owner, "GET", "/api/contacts", undefined, 200);
    await expectJson(t.owner, "POST", "/api/auth/sign-out", {}, 200);
    await expectError(await send(t.owner, "GET", "/api/contacts"), 401, "unauthenticated");
    await expectError(await send(t.owner, "GET", "/api/api-keys"), 401, "unauthenticated");
    expect(await getSession(t.owner)).toBeNull();
    // The organization's API key is not tied to the session.
    await expectJson(t.key, "GET", "/api/contacts", undefined, 200);
  });

  it("a forged or garbled session cookie is a 401", async () => {
    await expectError(
      await send({ headers: { cookie: "better-auth.session_token=forged.value" } }, "GET", "/api/contacts"),
      401,
      "unauthenticated",
    );
    await expectError(await send({ headers: { cookie: "garbage" } }, "GET", "/api/contacts"), 401, "unauthenticated");
  });
});

describe("sign-in rate limiting (better-auth, per cf-connecting-ip)", () => {
  it("rapid wrong-password sign-ins from one address get a 429; another address is not limited", async () => {
    const user = await signUp();
    const email = await emailOf(user);
    const attacker = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(email, `wrong password ${i}`, attacker)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Even the right password is refused from that address for now.
    const limited = await signIn(email, PASSWORD, attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0); // better-auth's header name

    // Someone else, elsewhere, signs in as usual.
    expect((await signIn(email, PASSWORD, freshIp())).status).toBe(200);
    expect((await signIn(email, "wrong again", freshIp())).status).toBe(401);
  });
});
