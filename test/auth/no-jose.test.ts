import { describe, expect, it } from "vitest";
import * as jose from "../../src/lib/no-jose";
import { memoryAdapter } from "../../src/lib/no-memory-adapter";
import { expectStatus, freshIp, send, signUp } from "../support/helpers";

/*
 * src/lib/no-jose.ts stands in for jose (wrangler.jsonc "alias", mirrored in vitest.config.ts):
 * every token a client can send is read by better-auth inside a try that treats a throw as "no
 * token", so forged cookies and tokens are answered as before, never with a 500.
 */

/** The caller's cookie header with one more cookie. */
const withCookie = (caller: { headers: Record<string, string> }, cookie: string) => ({
  headers: { ...caller.headers, cookie: [caller.headers.cookie, cookie].filter(Boolean).join("; ") },
});
const FORGED = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIiwia2lkIjoieCJ9..aaaa.bbbb.cccc";

describe("tokens a client can send, with jose not bundled", () => {
  it("a forged session_data cookie beside a real session: the session is read as before", async () => {
    const user = await signUp();
    for (const name of ["better-auth.session_data", "__Secure-better-auth.session_data"]) {
      const session = await expectStatus(
        await send(withCookie(user, `${name}=${FORGED}`), "GET", "/api/auth/get-session"),
        200,
      );
      expect(session.user.id).toBeDefined();
    }
  });

  it("a forged session_data cookie alone is no session (null), not an error", async () => {
    const stranger = { headers: { "cf-connecting-ip": freshIp(), cookie: `better-auth.session_data=${FORGED}` } };
    expect(await expectStatus(await send(stranger, "GET", "/api/auth/get-session"), 200)).toBeNull();
  });

  it("a forged account_data cookie: the accounts are listed as before", async () => {
    const user = await signUp();
    const accounts = await expectStatus(
      await send(withCookie(user, `better-auth.account_data=${FORGED}`), "GET", "/api/auth/list-accounts"),
      200,
    );
    expect(accounts).toEqual([expect.objectContaining({ providerId: "credential" })]);
  });

  it("a forged email verification token is refused as invalid, not a 500", async () => {
    const res = await send(
      { headers: { "cf-connecting-ip": freshIp() } },
      "GET",
      `/api/auth/verify-email?token=${FORGED}`,
    );
    expect(res.status).toBeLessThan(500);
    expect(res.status).not.toBe(200);
  });
});

describe("the stand-in modules", () => {
  it("jose's readers reject and its builders throw, with an error that says why", async () => {
    await expect(jose.jwtVerify("a.b.c", new Uint8Array())).rejects.toThrow(/jose is not bundled/);
    expect(() => jose.decodeProtectedHeader("a.b.c")).toThrow(jose.JOSEError);
    expect(() => new jose.SignJWT({})).toThrow(/jose is not bundled/);
    expect(new jose.JWTExpired()).toBeInstanceOf(jose.errors.JOSEError);
  });

  it("the memory adapter throws: better-auth is always given D1", () => {
    expect(() => memoryAdapter()).toThrow(/give it a database/);
  });
});
