import { describe, expect, it, vi } from "vitest";
import {
  anonymous,
  createContact,
  expectError,
  expectJson,
  firstNames,
  ISO,
  newTenant,
  send,
  sha256Hex,
} from "../support/helpers";

/*
 * An API key as a request's credentials (x-api-key or authorization: Bearer): it names its
 * organization, its last use is noted, and anything that is not a live key is a 401. Creating,
 * listing and revoking keys is covered in ../api-key/api-keys.test.ts.
 */

describe("API keys as credentials", () => {
  it("a key works through x-api-key and through authorization: Bearer, scoped to its organization", async () => {
    const t = await newTenant();
    const other = await newTenant();
    await createContact(other.owner, { first_name: "Elsewhere" });
    await createContact({ headers: { "x-api-key": t.apiKey } }, { first_name: "ViaHeader" });
    await createContact({ headers: { authorization: `Bearer ${t.apiKey}` } }, { first_name: "ViaBearer" });
    await createContact({ headers: { authorization: `bearer ${t.apiKey}` } }, { first_name: "ViaLowercaseBearer" });
    expect(firstNames(await expectJson(t.owner, "GET", "/api/contacts", undefined, 200))).toEqual([
      "ViaBearer",
      "ViaHeader",
      "ViaLowercaseBearer",
    ]);
    expect(
      firstNames(
        await expectJson({ headers: { authorization: `Bearer ${t.apiKey}` } }, "GET", "/api/contacts", undefined, 200),
      ),
    ).toEqual(["ViaBearer", "ViaHeader", "ViaLowercaseBearer"]);
  });

  it("last_used_at is set after the key is used", async () => {
    const t = await newTenant();
    const before = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
    expect(before.data[0].last_used_at).toBeNull();
    const usedFrom = Date.now();
    await expectJson(t.key, "GET", "/api/contacts", undefined, 200);
    await vi.waitFor(
      async () => {
        const list = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
        expect(list.data[0].last_used_at).toMatch(ISO);
        expect(Date.parse(list.data[0].last_used_at)).toBeGreaterThanOrEqual(usedFrom - 1000);
      },
      { timeout: 5000, interval: 50 },
    );
  });

  it("no credentials, or a garbage key, is a 401", async () => {
    await expectError(await send(anonymous, "GET", "/api/api-keys"), 401, "unauthenticated");
    await expectError(await send(anonymous, "POST", "/api/api-keys", { name: "x" }), 401, "unauthenticated");
    for (const headers of [
      { "x-api-key": "garbage" } as Record<string, string>,
      { "x-api-key": "cik_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      { authorization: "Bearer garbage" },
      { authorization: "Basic dXNlcjpwYXNz" },
      { authorization: "Bearer" },
    ]) {
      await expectError(await send({ headers }, "GET", "/api/api-keys"), 401, "unauthenticated");
      await expectError(await send({ headers }, "GET", "/api/contacts"), 401, "unauthenticated");
    }
  });

  it("a key's hash is not a key", async () => {
    const t = await newTenant();
    await expectError(
      await send({ headers: { "x-api-key": await sha256Hex(t.apiKey) } }, "GET", "/api/contacts"),
      401,
      "unauthenticated",
    );
  });
});
