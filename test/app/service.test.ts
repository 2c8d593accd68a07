import { env } from "cloudflare:workers";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import { createRouter } from "../../src/lib/create-router";
import { ApiError } from "../../src/lib/errors";
import { notFound, onError } from "../../src/lib/on-error";
import { anonymous, expectError, expectJson, newTenant, request, send } from "../support/helpers";

/** The routes of the contract's Contacts and API keys sections that this service serves. */
const CONTRACT_ROUTES: [method: string, path: string][] = [
  ["get", "/api/contacts"],
  ["post", "/api/contacts"],
  ["get", "/api/contacts/{id}"],
  ["put", "/api/contacts/{id}"],
  ["delete", "/api/contacts/{id}"],
  ["post", "/api/contacts/{id}/phones"],
  ["put", "/api/contacts/{id}/phones/{phone_id}"],
  ["delete", "/api/contacts/{id}/phones/{phone_id}"],
  ["post", "/api/contacts/{id}/emails"],
  ["put", "/api/contacts/{id}/emails/{email_id}"],
  ["delete", "/api/contacts/{id}/emails/{email_id}"],
  ["post", "/api/contacts/{id}/merge"],
  ["get", "/api/contacts/{id}/duplicates"],
  ["post", "/api/api-keys"],
  ["get", "/api/api-keys"],
  ["delete", "/api/api-keys/{id}"],
];

/** The error envelope, plus: the response's `x-request-id` header is the body's `request_id`. */
async function expectTracedError(res: Response, status: number, code: string) {
  const header = res.headers.get("x-request-id");
  const error = await expectError(res, status, code);
  expect(header).toBeTruthy();
  expect(error).toHaveProperty("request_id", header);
  return { ...error, request_id: header! };
}

describe("GET /healthz", () => {
  it("answers ok without credentials", async () => {
    const res = await request("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document, served without credentials", async () => {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it("documents every route of the Contacts and API keys sections with its methods", async () => {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    for (const [method, path] of CONTRACT_ROUTES) {
      expect(doc.paths, `${method.toUpperCase()} ${path}`).toHaveProperty([path, method]);
    }
    // Only this service's own routes: the API under /api (better-auth's routes are documented by
    // better-auth), and the platforms' webhooks under /hooks.
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/(api\/(?!auth\/)|hooks\/)/);
  });

  it("documents path parameters, request bodies and error responses", async () => {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    const getContact = doc.paths["/api/contacts/{id}"].get;
    expect(getContact.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "id", in: "path", required: true })]),
    );
    expect(getContact.responses).toHaveProperty("404");
    const createContact = doc.paths["/api/contacts"].post;
    expect(createContact.requestBody.content).toHaveProperty("application/json");
    expect(createContact.responses).toHaveProperty("201");
    expect(createContact.responses["400"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Error",
    });
    const createKey = doc.paths["/api/api-keys"].post;
    expect(createKey.requestBody.content).toHaveProperty("application/json");
    expect(createKey.responses).toHaveProperty("201");
    expect(doc.paths["/api/api-keys/{id}"].delete.responses).toHaveProperty("204");
  });

  it("has the component schemas and the security schemes", async () => {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    expect(doc.components.schemas).toHaveProperty("Contact");
    expect(doc.components.schemas).toHaveProperty("Error");
    const contact = doc.components.schemas.Contact;
    for (const field of [
      "id",
      "first_name",
      "last_name",
      "is_stub",
      "phones",
      "emails",
      "enriched_at",
      "enriched_from_call_id",
      "created_at",
      "updated_at",
    ]) {
      expect(contact.properties, field).toHaveProperty(field);
    }
    expect(doc.components.schemas.Error.properties.error.properties).toHaveProperty("request_id");
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining([
        "validation_failed",
        "unauthenticated",
        "no_active_organization",
        "forbidden",
        "not_found",
        "conflict",
        "internal",
      ]),
    );
    const schemes = doc.components.securitySchemes;
    expect(schemes.apiKey).toEqual({ type: "apiKey", in: "header", name: "x-api-key" });
    expect(schemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.security).toEqual(expect.arrayContaining([{ apiKey: [] }, { bearer: [] }, { session: [] }]));
  });
});

// GET /api/docs is a static page (src/ui/api/docs.html), which never reaches the Worker:
// e2e/security.test.ts renders it from this document in a browser.

describe("unknown routes", () => {
  it("an unknown /api route, with credentials, is a 404 envelope", async () => {
    const t = await newTenant();
    const error = await expectTracedError(await send(t.key, "GET", "/api/nope"), 404, "not_found");
    expect(error.message).toContain("/api/nope");
    await expectTracedError(await send(t.owner, "POST", "/api/nope", {}), 404, "not_found");
  });

  it("an unknown route outside /api is a 404 envelope, without credentials", async () => {
    await expectTracedError(await request("/nope"), 404, "not_found");
    await expectTracedError(await request("/"), 404, "not_found");
    await expectTracedError(await request("/healthz/more"), 404, "not_found");
  });

  it("a known path with another method is not answered as if it existed", async () => {
    const t = await newTenant();
    await expectTracedError(await send(t.key, "PATCH", "/api/contacts"), 404, "not_found");
    await expectTracedError(await send(t.key, "PUT", "/api/api-keys"), 404, "not_found");
  });
});

describe("request ids", () => {
  it("every error carries request_id, equal to the x-request-id header", async () => {
    const t = await newTenant();
    await expectTracedError(await send(anonymous, "GET", "/api/contacts"), 401, "unauthenticated");
    await expectTracedError(await send(t.key, "POST", "/api/contacts", { nope: 1 }), 400, "validation_failed");
    await expectTracedError(await send(t.key, "GET", `/api/contacts/${crypto.randomUUID()}`), 404, "not_found");
    await expectTracedError(
      await request("/api/contacts", {
        method: "POST",
        headers: { ...t.key.headers, "content-type": "text/plain" },
        body: "hi",
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("successful responses carry an x-request-id too, and ids differ per request", async () => {
    const t = await newTenant();
    const a = await send(t.key, "GET", "/api/contacts");
    const b = await send(t.key, "GET", "/api/contacts");
    expect(a.status).toBe(200);
    expect(a.headers.get("x-request-id")).toBeTruthy();
    expect(b.headers.get("x-request-id")).toBeTruthy();
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  // The id is the service's own, never a client's or cf-ray (logged beside it): request-id.test.ts.
});

describe("unexpected exceptions", () => {
  it("the real app answers a failure it did not expect with a 500 internal envelope, no stack, logged with the request id", async () => {
    const t = await newTenant();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // Break the database under a real route: the query fails with an error nobody anticipated.
    await env.DB.exec("ALTER TABLE api_key RENAME TO api_key_hidden");
    try {
      const res = await send(t.owner, "GET", "/api/api-keys");
      const error = await expectTracedError(res, 500, "internal");
      expect(error.message).toBe("internal error");
      expect(JSON.stringify(error)).not.toMatch(/api_key|sqlite|SQL|stack/i);
      const lines = logged.mock.calls.map((args) => args.join(" "));
      expect(lines.some((l) => l.includes(error.request_id) && /api_key/.test(l))).toBe(true);
    } finally {
      await env.DB.exec("ALTER TABLE api_key_hidden RENAME TO api_key");
      logged.mockRestore();
    }
    // And the service is fine again.
    await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
  });

  describe("onError", () => {
    function appThrowing(err: unknown) {
      const app = createRouter();
      app.use(async (c, next) => {
        c.set("requestId", "req-1");
        await next();
      });
      app.get("/boom", () => {
        throw err;
      });
      app.onError(onError);
      app.notFound(notFound);
      return app;
    }

    it("an Error becomes 500 internal without its message or stack, and is logged with the request id", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const err = new Error("secret database password is hunter2");
        const res = await appThrowing(err).request("/boom");
        const error = await expectError(res, 500, "internal");
        expect(error).toEqual({ code: "internal", message: "internal error", request_id: "req-1" });
        expect(logged).toHaveBeenCalledTimes(1);
        const line = JSON.parse(String(logged.mock.calls[0]![0]));
        expect(line).toMatchObject({
          level: "error",
          request_id: "req-1",
          message: "Error: secret database password is hunter2",
        });
        expect(line.stack).toContain("secret database password");
      } finally {
        logged.mockRestore();
      }
    });

    it("an ApiError keeps its code, issues and retry-after", async () => {
      const res = await appThrowing(new ApiError("rate_limited", "slow down", { retryAfterSeconds: 7 })).request(
        "/boom",
      );
      expect(res.headers.get("retry-after")).toBe("7");
      await expectError(res, 429, "rate_limited");
      const conflict = await expectError(
        await appThrowing(ApiError.conflict("taken", "c-1")).request("/boom"),
        409,
        "conflict",
      );
      expect(conflict.existing_contact_id).toBe("c-1");
      const invalid = await expectError(
        await appThrowing(ApiError.validation([{ path: ["name"], message: "required" }])).request("/boom"),
        400,
        "validation_failed",
      );
      expect(invalid).toMatchObject({ message: "name: required", issues: [{ path: ["name"], message: "required" }] });
    });

    it("hono's own HTTP exceptions are put in the contract's words", async () => {
      await expectError(
        await appThrowing(new HTTPException(400, { message: "Malformed JSON in request body" })).request("/boom"),
        400,
        "validation_failed",
      );
      await expectError(await appThrowing(new HTTPException(401)).request("/boom"), 401, "unauthenticated");
      await expectError(await appThrowing(new HTTPException(404)).request("/boom"), 404, "not_found");
      await expectError(await appThrowing(new HTTPException(413)).request("/boom"), 413, "payload_too_large");
      await expectError(await appThrowing(new HTTPException(415)).request("/boom"), 415, "unsupported_media_type");
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const error = await expectError(
          await appThrowing(new HTTPException(503, { message: "upstream down" })).request("/boom"),
          500,
          "internal",
        );
        expect(error.message).toBe("internal error");
      } finally {
        logged.mockRestore();
      }
    });

    it("an unknown route is a not_found envelope", async () => {
      const error = await expectError(await appThrowing(new Error()).request("/elsewhere"), 404, "not_found");
      expect(error).toHaveProperty("request_id", "req-1");
    });
  });
});
