import { describe, expect, it } from "vitest";
import { anonymous, bearer, expectError, expectJson, newTenant, request, send } from "../support/helpers";

/*
 * Every /api route the OpenAPI document lists refuses a request without valid credentials with
 * the 401 envelope, before it reads the body. (The platforms' webhooks, /hooks/*, are authenticated
 * by their signatures instead: test/integration/webhooks-signatures.test.ts.)
 */

describe("every authenticated route", () => {
  /** Every route the service documents, with its path parameters filled in. */
  async function documentedRoutes(): Promise<[method: string, path: string][]> {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    const paths = Object.entries(doc.paths as Record<string, Record<string, unknown>>);
    const routes = paths
      .filter(([path]) => path.startsWith("/api/"))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
          .map((m): [string, string] => [m.toUpperCase(), path.replace(/\{\w+\}/g, () => crypto.randomUUID())]),
      );
    // The contract's Contacts and API keys routes, at least.
    expect(routes.length).toBeGreaterThanOrEqual(16);
    return routes;
  }

  const bodyFor = (method: string) =>
    method === "POST" || method === "PUT" ? { first_name: "x", name: "x" } : undefined;

  it("without credentials is a 401 envelope", async () => {
    for (const [method, path] of await documentedRoutes()) {
      const error = await expectError(await send(anonymous, method, path, bodyFor(method)), 401, "unauthenticated");
      expect(error.message, `${method} ${path}`).toBeTruthy();
    }
  });

  it("with a revoked key is a 401 envelope", async () => {
    const t = await newTenant();
    const [key] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
    expect((await send(t.owner, "DELETE", `/api/api-keys/${key.id}`)).status).toBe(204);
    for (const [method, path] of await documentedRoutes()) {
      await expectError(await send(t.key, method, path, bodyFor(method)), 401, "unauthenticated");
      await expectError(await send(bearer(t), method, path, bodyFor(method)), 401, "unauthenticated");
    }
  });

  it("with a garbage key, or after sign-out, is a 401 envelope", async () => {
    const t = await newTenant();
    await expectJson(t.owner, "POST", "/api/auth/sign-out", {}, 200);
    for (const [method, path] of await documentedRoutes()) {
      await expectError(
        await send({ headers: { "x-api-key": "nope" } }, method, path, bodyFor(method)),
        401,
        "unauthenticated",
      );
      await expectError(await send(t.owner, method, path, bodyFor(method)), 401, "unauthenticated");
    }
  });

  it("credentials are checked before the body: an unauthenticated bad body is a 401, not a 400", async () => {
    await expectError(await send(anonymous, "POST", "/api/contacts", { nope: true }), 401, "unauthenticated");
    await expectError(
      await request("/api/api-keys", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      }),
      401,
      "unauthenticated",
    );
  });
});
