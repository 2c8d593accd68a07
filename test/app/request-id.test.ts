import { describe, expect, it, vi } from "vitest";
import { createRouter } from "../../src/lib/create-router";
import { notFound, onError } from "../../src/lib/on-error";
import { serviceRequestId } from "../../src/lib/request-id";
import { expectError, newTenant, request, send, UUID } from "../support/helpers";

/*
 * Every answer carries the service's own request id (body `request_id` and `x-request-id`); a
 * client's request id is never used in its place (contract, General), though it is logged beside
 * ours. (Found: a client-sent `x-request-id` became the logged request id.)
 */

/** The request-id middleware and the one error path, with a route that fails unexpectedly. */
function appFailingAtBoom() {
  const app = createRouter();
  app.use(serviceRequestId);
  app.get("/boom", () => {
    throw new Error("boom");
  });
  app.onError(onError);
  app.notFound(notFound);
  return app;
}

describe("request ids", () => {
  it("a client's x-request-id is not the answer's request id, on success or error", async () => {
    const t = await newTenant();
    const mine = "client-chosen-id-123";
    const ok = await request("/api/contacts", { headers: { ...t.key.headers, "x-request-id": mine } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toMatch(UUID);
    const failed = await request("/api/contacts", { headers: { "x-request-id": mine } });
    const error = await expectError(failed.clone(), 401, "unauthenticated");
    expect(failed.headers.get("x-request-id")).toMatch(UUID);
    expect(error.request_id).toBe(failed.headers.get("x-request-id"));
    expect(error.request_id).not.toBe(mine);
  });

  it("two requests sending the same x-request-id get different ids", async () => {
    const headers = { "x-request-id": "same-for-both" };
    const [one, two] = await Promise.all([request("/healthz", { headers }), request("/healthz", { headers })]);
    expect(one.headers.get("x-request-id")).not.toBe(two.headers.get("x-request-id"));
  });

  it("Cloudflare's cf-ray is not the id either (a client reaching the Worker directly can send any)", async () => {
    const res = await request("/api/contacts", { headers: { "cf-ray": "8f1e2d3c4b5a6978-AMS" } });
    const error = await expectError(res.clone(), 401, "unauthenticated");
    expect(error.request_id).toMatch(UUID);
    expect(res.headers.get("x-request-id")).toBe(error.request_id);
  });

  it("the ring path and better-auth's routes carry the service's id too", async () => {
    const t = await newTenant();
    const headers = { "x-request-id": "client-ring" };
    const ring = await send({ headers: { ...t.key.headers, ...headers } }, "POST", "/api/calls/inbound", {
      from: "+15550001111",
    });
    expect(ring.headers.get("x-request-id")).toMatch(UUID);
    const session = await request("/api/auth/get-session", { headers });
    expect(session.headers.get("x-request-id")).toMatch(UUID);
  });

  it("an unexpected failure is logged under our id, with the client's id and cf-ray beside it", async () => {
    const app = appFailingAtBoom();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.request("/boom", { headers: { "x-request-id": "client-42", "cf-ray": "8f1e-AMS" } });
      const error = await expectError(res, 500, "internal");
      const line = JSON.parse(String(logged.mock.calls[0]![0]));
      expect(line).toMatchObject({ request_id: error.request_id, client_request_id: "client-42", cf_ray: "8f1e-AMS" });
      expect(error.request_id).toMatch(UUID);
    } finally {
      logged.mockRestore();
    }
  });

  it("a client's id is logged cut to 128 characters: it is the client's text", async () => {
    const app = appFailingAtBoom();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await app.request("/boom", { headers: { "x-request-id": "x".repeat(5000) } });
      const line = JSON.parse(String(logged.mock.calls[0]![0]));
      expect(line.client_request_id).toHaveLength(128);
    } finally {
      logged.mockRestore();
    }
  });
});
