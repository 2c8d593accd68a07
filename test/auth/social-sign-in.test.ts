import { describe, expect, it } from "vitest";
// The real module, by a path the alias does not match (wrangler.jsonc "alias", mirrored in vitest.config.ts).
import * as upstream from "../../node_modules/@better-auth/core/dist/social-providers/index.mjs";
import * as bundled from "../../src/lib/no-social-providers";
import { expectStatus, freshIp, send, signUp } from "../support/helpers";

/*
 * The service signs in with email and password only: src/lib/no-social-providers.ts stands in for
 * better-auth's 36 OAuth providers. better-auth's social routes still answer, as they did with the
 * providers bundled: the provider is not found, never a 500.
 */

/** sign-in/social from an address of its own: better-auth allows 3 sign-ins per 10 s per address. */
const signInSocial = (body: unknown) =>
  send({ headers: { "cf-connecting-ip": freshIp() } }, "POST", "/api/auth/sign-in/social", body);

describe("social sign-in (no provider configured)", () => {
  it("sign-in/social with a provider better-auth knows is a 404 PROVIDER_NOT_FOUND", async () => {
    const body = await expectStatus(await signInSocial({ provider: "google", callbackURL: "/" }), 404);
    expect(body).toEqual({ message: "Provider not found", code: "PROVIDER_NOT_FOUND" });
  });

  it("sign-in/social with an id token or an unknown provider is the same 404", async () => {
    for (const request of [
      { provider: "apple", idToken: { token: "a.b.c" } },
      { provider: "no-such", callbackURL: "/" },
    ]) {
      const body = await expectStatus(await signInSocial(request), 404);
      expect(body.code).toBe("PROVIDER_NOT_FOUND");
    }
  });

  it("sign-in/social with a provider that is not a string is a 400 VALIDATION_ERROR", async () => {
    const body = await expectStatus(await signInSocial({ provider: 42, callbackURL: "/" }), 400);
    expect(body).toEqual({ message: "[body.provider] Invalid input", code: "VALIDATION_ERROR" });
  });

  it("link-social for a signed-in user is a 404 PROVIDER_NOT_FOUND, and the session still works", async () => {
    const user = await signUp();
    const body = await expectStatus(await send(user, "POST", "/api/auth/link-social", { provider: "github" }), 404);
    expect(body.code).toBe("PROVIDER_NOT_FOUND");
    expect((await expectStatus(await send(user, "GET", "/api/auth/get-session"), 200)).user.id).toBeDefined();
  });

  it("link-social without a session is a 401", async () => {
    const stranger = { headers: { "cf-connecting-ip": freshIp() } };
    await expectStatus(await send(stranger, "POST", "/api/auth/link-social", { provider: "github" }), 401);
  });
});

describe("the stand-in module", () => {
  it("names the providers better-auth names, in its order (input validation unchanged)", () => {
    expect(bundled.socialProviderList).toEqual(upstream.socialProviderList);
    for (const provider of [...upstream.socialProviderList, "no-such", 42, undefined]) {
      expect(bundled.SocialProviderListEnum.safeParse(provider).success).toBe(
        upstream.SocialProviderListEnum.safeParse(provider).success,
      );
    }
  });

  it("fails loudly if a provider is ever configured without restoring better-auth's module", () => {
    expect(() => bundled.socialProviders.google?.()).toThrow(/not bundled/);
  });
});
