import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  expectError,
  expectJson,
  expectStatus,
  newTenant,
  send,
  signUp,
  type Tenant,
} from "../support/helpers";
import { sendWithBindings } from "../support/with-bindings";

/* GET /api/settings: what the web UI needs of the service's configuration to show numbers. */

let t: Tenant;

beforeAll(async () => {
  t = await newTenant();
});

describe("GET /api/settings", () => {
  it("answers the default phone country to a session and to an API key", async () => {
    for (const caller of [t.owner, t.key])
      expect(await expectJson(caller, "GET", "/api/settings", undefined, 200)).toEqual({ default_phone_country: "US" });
  });

  it("answers the configured DEFAULT_PHONE_COUNTRY, uppercased; an unsupported one reads as US", async () => {
    const country = async (value: string) =>
      (
        await expectStatus(
          await sendWithBindings({ DEFAULT_PHONE_COUNTRY: value }, t.owner, "GET", "/api/settings", undefined),
          200,
        )
      ).default_phone_country;
    expect(await country("GB")).toBe("GB");
    expect(await country("de")).toBe("DE");
    expect(await country("XX")).toBe("US");
  });

  it("no credentials is a 401; a session without an active organization is a 403", async () => {
    await expectError(await send(anonymous, "GET", "/api/settings"), 401, "unauthenticated");
    await expectError(await send(await signUp("No Org"), "GET", "/api/settings"), 403, "no_active_organization");
  });
});
