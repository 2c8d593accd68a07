import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countingD1 } from "../support/d1-counter";
import {
  anonymous,
  type Caller,
  createContact,
  expectError,
  expectJson,
  expectNewStubCall,
  expectRing,
  freshNumber,
  getSession,
  INBOUND,
  newTenant,
  send,
  type Tenant,
  transcribe,
} from "../support/helpers";
import { sendWithBindings } from "../support/with-bindings";

/*
 * API key scopes: `full` (the default) reaches every route of the organization; `calls` only the
 * ring, a call's transcription and enrich, what a telephony provider needs. Every key says who
 * made it. Revocation with the maker's membership: ./revoked-with-creator.test.ts.
 */

/** A new key of the tenant's organization with this scope, as a caller (x-api-key or Bearer). */
async function keyWithScope(t: Tenant, scope: "calls" | "full", via: "x-api-key" | "bearer" = "x-api-key") {
  const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: `${scope} key`, scope }, 201);
  const headers: Record<string, string> =
    via === "bearer" ? { authorization: `Bearer ${created.key}` } : { "x-api-key": created.key };
  return { caller: { headers } satisfies Caller, created };
}

/** What the API shows as a key's creator: the user behind the session. */
async function creatorOf(caller: Caller) {
  const { user } = await getSession(caller);
  return { id: user.id, name: user.name, email: user.email };
}

/** A named contact's number rung by `caller`: the call's contact is no stub, so nothing calls the model. */
async function callOfKnownContact(t: Tenant, caller: Caller): Promise<string> {
  const number = freshNumber();
  await createContact(t.owner, { first_name: "Known", phones: [{ phone_number: number }] });
  const call = await expectRing(caller, { from: number, to: "+15557654321", provider: "twilio" });
  expect(call.contact_created).toBe(false);
  return call.call_id;
}

describe("API key scopes", () => {
  it("a key made without a scope is full, and says who made it", async () => {
    const t = await newTenant();
    const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: "legacy client" }, 201);
    const creator = await creatorOf(t.owner);
    expect(created).toMatchObject({ scope: "full", created_by: creator });
    const listed = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
    expect(listed.find((k: { id: string }) => k.id === created.id)).toMatchObject({
      scope: "full",
      created_by: creator,
    });
  });

  it("a calls key is created and listed with its scope and maker, never the key", async () => {
    const t = await newTenant();
    const { created } = await keyWithScope(t, "calls");
    expect(created).toMatchObject({ name: "calls key", scope: "calls", created_by: await creatorOf(t.owner) });
    const list = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
    expect(list.data.map((k: { scope: string }) => k.scope)).toEqual(["calls", "full"]);
    expect(JSON.stringify(list)).not.toContain(created.key);
  });

  it("the OpenAPI document describes the scope (optional, full by default) and the creator", async () => {
    const { components } = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    const request = components.schemas.NewApiKeyRequest;
    expect(request.required).toEqual(["name"]);
    expect(request.properties.scope.allOf).toEqual([
      { $ref: "#/components/schemas/ApiKeyScope" },
      expect.objectContaining({ default: "full" }),
    ]);
    expect(components.schemas.ApiKeyScope).toMatchObject({ enum: ["full", "calls"] });
    expect(components.schemas.ApiKey.required).toEqual(expect.arrayContaining(["scope", "created_by"]));
    expect(components.schemas.ApiKeyCreator.required).toEqual(["id", "name", "email"]);
  });

  it("a full key reaches any route of its organization", async () => {
    const t = await newTenant();
    const { caller } = await keyWithScope(t, "full");
    await expectJson(caller, "GET", "/api/contacts", undefined, 200);
    await expectJson(caller, "GET", "/api/calls", undefined, 200);
    const callId = await callOfKnownContact(t, caller);
    await expectJson(caller, "GET", `/api/calls/${callId}`, undefined, 200);
  });

  it.each(["x-api-key", "bearer"] as const)(
    "a calls key (%s) rings, posts a transcription and enriches",
    async (via) => {
      const t = await newTenant();
      const { caller } = await keyWithScope(t, "calls", via);
      await expectNewStubCall(caller);
      const callId = await callOfKnownContact(t, caller);
      expect((await transcribe(caller, callId, "Hello, it's Known.")).status).toBe(202);
      await expectJson(caller, "POST", `/api/calls/${callId}/enrich`, undefined, 202);
      expect((await expectJson(t.owner, "GET", `/api/calls/${callId}`, undefined, 200)).transcription).toBe(
        "Hello, it's Known.",
      );
    },
  );

  it("a calls key is a 403 forbidden on every other documented route, before the body is read", async () => {
    const t = await newTenant();
    const { caller } = await keyWithScope(t, "calls");
    const callsRoutes = [
      "POST /api/calls/inbound",
      "POST /api/calls/{id}/transcription",
      "POST /api/calls/{id}/enrich",
    ];
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    const others = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith("/api/"))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((route) => !callsRoutes.includes(route));
    // Contacts, calls, API keys and integrations, at least: a new route is closed to calls keys too.
    expect(others.length).toBeGreaterThanOrEqual(20);
    for (const route of others) {
      const [method, path] = route.split(" ") as [string, string];
      const url = path.replace(/\{\w+\}/g, () => crypto.randomUUID());
      // A body no route accepts: the scope is refused before validation would answer 400.
      const body = method === "GET" || method === "DELETE" ? undefined : { not_a_field: true };
      const error = await expectError(await send(caller, method, url, body), 403, "forbidden");
      expect(error.message, route).toMatch(/scope/);
    }
  });

  it("a calls key reads and changes nothing else: contacts stay as they were", async () => {
    const t = await newTenant();
    const { caller } = await keyWithScope(t, "calls");
    const contact = await createContact(t.owner, { first_name: "Private" });
    await expectError(await send(caller, "GET", `/api/contacts/${contact.id}`), 403, "forbidden");
    await expectError(await send(caller, "DELETE", `/api/contacts/${contact.id}`), 403, "forbidden");
    await expectError(await send(caller, "POST", "/api/api-keys", { name: "escalated" }), 403, "forbidden");
    await expectJson(t.owner, "GET", `/api/contacts/${contact.id}`, undefined, 200);
    expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(2);
  });

  it("a calls key on another organization's call is a 404, as for a full key", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { caller } = await keyWithScope(a, "calls");
    const callOfB = await callOfKnownContact(b, b.key);
    await expectError(await transcribe(caller, callOfB, "not yours"), 404, "not_found");
    await expectError(await send(caller, "POST", `/api/calls/${callOfB}/enrich`), 404, "not_found");
    expect((await expectJson(b.owner, "GET", `/api/calls/${callOfB}`, undefined, 200)).transcription).toBeNull();
  });

  it("a calls key with a bad body on its own routes is a 400, and without credentials a 401", async () => {
    const t = await newTenant();
    const { caller } = await keyWithScope(t, "calls");
    await expectError(await send(caller, "POST", INBOUND, { from: 42 }), 400, "validation_failed");
    const callId = await callOfKnownContact(t, caller);
    await expectError(await transcribe(caller, callId, ""), 400, "validation_failed");
    await expectError(await transcribe(anonymous, callId, "x"), 401, "unauthenticated");
  });

  it("a calls key rings in one D1 round trip, authentication included", async () => {
    const t = await newTenant();
    const { caller } = await keyWithScope(t, "calls");
    await expectRing(caller, { from: freshNumber() }); // its last use is refreshed: not counted below
    const { db, counter } = countingD1(env.DB);
    const res = await sendWithBindings({ DB: db }, caller, "POST", INBOUND, { from: freshNumber() });
    expect(res.status).toBe(201);
    expect(counter.queries).toEqual(["batch of 3"]);
  });
});
