import { describe, expect, it, vi } from "vitest";
import { anonymous, type Caller, createContact, createOrganization, expectError, expectJson, json, newTenant, request, send, signUp, UUID, ISO } from "./helpers";

const PASSWORD = "correct horse battery"; // signUp()'s

let ipCounter = 0;
/** A client address no other test uses (better-auth rate-limits sign-ins per address). */
const freshIp = () => `203.0.113.${++ipCounter}`;

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function getSession(caller: Caller) {
  return expectJson(caller, "GET", "/api/auth/get-session", undefined, 200);
}

async function emailOf(caller: Caller): Promise<string> {
  return (await getSession(caller)).user.email;
}

async function signIn(email: string, password = PASSWORD, ip = freshIp()) {
  return send({ headers: { "cf-connecting-ip": ip } }, "POST", "/api/auth/sign-in/email", { email, password });
}

async function setActive(caller: Caller, organizationId: string) {
  return expectJson(caller, "POST", "/api/auth/organization/set-active", { organizationId }, 200);
}

/** A new user who joins the owner's active organization with `role`, through an invitation. */
async function joinAs(owner: Caller, organizationId: string, role: "member" | "admin", user?: Caller): Promise<Caller & { memberId: string }> {
  user ??= await signUp("Invited User");
  const email = await emailOf(user);
  const invitation = await expectJson(owner, "POST", "/api/auth/organization/invite-member", { email, role, organizationId }, 200);
  expect(invitation).toMatchObject({ email, role, organizationId, status: "pending" });
  const accepted = await expectJson(user, "POST", "/api/auth/organization/accept-invitation", { invitationId: invitation.id }, 200);
  expect(accepted.member).toMatchObject({ organizationId, role });
  await setActive(user, organizationId);
  return { ...user, memberId: accepted.member.id };
}

const names = (page: { data: { first_name: string }[] }) => page.data.map((c) => c.first_name).sort();

describe("accounts and sessions", () => {
  it("sign-up answers the user and a session cookie; get-session shows no active organization yet", async () => {
    const ip = freshIp();
    const email = `ada-${crypto.randomUUID()}@example.com`;
    const res = await send({ headers: { "cf-connecting-ip": ip } }, "POST", "/api/auth/sign-up/email", { email, password: PASSWORD, name: "Ada" });
    const body = await json(res, 200);
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
    const body = await json(res, 200);
    expect(body.user.email).toBe(email);
    const again = { headers: { cookie: cookieOf(res) } };
    expect(again.headers.cookie).toContain("session_token=");
    expect((await getSession(again)).user.email).toBe(email);

    // A new session has no active organization until one is chosen.
    await expectError(await send(again, "GET", "/api/contacts"), 403, "no_active_organization");
    await setActive(again, organizationId);
    expect(names(await expectJson(again, "GET", "/api/contacts", undefined, 200))).toEqual(["Signed"]);
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
    await expectError(await send({ headers: { cookie: "better-auth.session_token=forged.value" } }, "GET", "/api/contacts"), 401, "unauthenticated");
    await expectError(await send({ headers: { cookie: "garbage" } }, "GET", "/api/contacts"), 401, "unauthenticated");
  });
});

describe("organizations", () => {
  it("organization/create makes the new organization the session's active one", async () => {
    const user = await signUp();
    const organizationId = await createOrganization(user);
    expect(organizationId).toMatch(UUID);
    expect((await getSession(user)).session.activeOrganizationId).toBe(organizationId);
    await expectJson(user, "GET", "/api/contacts", undefined, 200);
  });

  it("set-active switches between two organizations of one user, and the contacts seen switch with it", async () => {
    const user = await signUp();
    const first = await createOrganization(user);
    await createContact(user, { first_name: "InFirst" });
    const second = await createOrganization(user);
    expect((await getSession(user)).session.activeOrganizationId).toBe(second);
    expect(names(await expectJson(user, "GET", "/api/contacts", undefined, 200))).toEqual([]);
    await createContact(user, { first_name: "InSecond" });

    await setActive(user, first);
    expect((await getSession(user)).session.activeOrganizationId).toBe(first);
    expect(names(await expectJson(user, "GET", "/api/contacts", undefined, 200))).toEqual(["InFirst"]);

    await setActive(user, second);
    expect(names(await expectJson(user, "GET", "/api/contacts", undefined, 200))).toEqual(["InSecond"]);
  });

  it("set-active to an organization the user does not belong to is refused, and never shows its contacts", async () => {
    const other = await newTenant();
    await createContact(other.owner, { first_name: "NotYours" });
    const user = await signUp();
    await createOrganization(user);
    await createContact(user, { first_name: "Mine" });
    expect((await send(user, "POST", "/api/auth/organization/set-active", { organizationId: other.organizationId })).status).toBe(403);
    // better-auth clears the active organization on such an attempt: the user must choose again.
    expect((await getSession(user)).session.activeOrganizationId ?? null).toBeNull();
    await expectError(await send(user, "GET", "/api/contacts"), 403, "no_active_organization");
  });

  it("a session with no active organization is a 403 no_active_organization", async () => {
    const user = await signUp();
    await expectError(await send(user, "GET", "/api/contacts"), 403, "no_active_organization");
    await expectError(await send(user, "POST", "/api/contacts", { first_name: "Nobody" }), 403, "no_active_organization");
    await expectError(await send(user, "GET", "/api/api-keys"), 403, "no_active_organization");
    await expectError(await send(user, "POST", "/api/api-keys", { name: "x" }), 403, "no_active_organization");
  });

  it("a member removed from an organization loses access at once, even with it still active on their session", async () => {
    const t = await newTenant();
    await createContact(t.owner, { first_name: "Secret" });
    const member = await joinAs(t.owner, t.organizationId, "member");
    expect(names(await expectJson(member, "GET", "/api/contacts", undefined, 200))).toEqual(["Secret"]);

    await expectJson(t.owner, "POST", "/api/auth/organization/remove-member", { memberIdOrEmail: await emailOf(member), organizationId: t.organizationId }, 200);
    // better-auth leaves the removed user's session pointing at the organization...
    expect((await getSession(member)).session.activeOrganizationId).toBe(t.organizationId);
    // ...but the service checks the membership itself.
    await expectError(await send(member, "GET", "/api/contacts"), 403, "no_active_organization");
    await expectError(await send(member, "POST", "/api/contacts", { first_name: "Intruder" }), 403, "no_active_organization");
    expect(names(await expectJson(t.owner, "GET", "/api/contacts", undefined, 200))).toEqual(["Secret"]);
  });

  it("deleting an organization ends its API keys and its sessions' access", async () => {
    const t = await newTenant();
    const member = await joinAs(t.owner, t.organizationId, "member");
    await expectJson(t.owner, "POST", "/api/auth/organization/delete", { organizationId: t.organizationId }, 200);
    await expectError(await send(t.key, "GET", "/api/contacts"), 401, "unauthenticated");
    await expectError(await send(t.owner, "GET", "/api/contacts"), 403, "no_active_organization");
    await expectError(await send(member, "GET", "/api/contacts"), 403, "no_active_organization");
  });

  it("a member (role member) works with contacts", async () => {
    const t = await newTenant();
    const member = await joinAs(t.owner, t.organizationId, "member");
    await createContact(member, { first_name: "ByMember" });
    expect(names(await expectJson(t.key, "GET", "/api/contacts", undefined, 200))).toEqual(["ByMember"]);
  });
});

describe("API keys", () => {
  it("POST creates a key, shown this once", async () => {
    const t = await newTenant();
    const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: "Twilio webhook" }, 201);
    expect(created).toMatchObject({ id: expect.stringMatching(UUID), name: "Twilio webhook", key: expect.any(String), created_at: expect.stringMatching(ISO) });
    expect(created.key.length).toBeGreaterThanOrEqual(32);
    expect(Math.abs(Date.parse(created.created_at) - Date.now())).toBeLessThan(60_000);
    expect(created.key).not.toBe(t.apiKey);
  });

  it("GET lists the organization's keys, newest first, never the key nor its hash", async () => {
    const t = await newTenant();
    await new Promise((r) => setTimeout(r, 5));
    const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: "second" }, 201);
    const list = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
    expect(list.data.map((k: { name: string }) => k.name)).toEqual(["second", "webhook"]);
    expect(list.data[0]).toMatchObject({ id: created.id, name: "second", created_at: created.created_at, last_used_at: null });
    for (const entry of list.data) {
      expect(entry).not.toHaveProperty("key");
      expect(Object.keys(entry).some((k) => /hash/i.test(k))).toBe(false);
    }
    const text = JSON.stringify(list);
    for (const key of [created.key, t.apiKey]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(await sha256Hex(key));
    }
  });

  it("another organization's keys are not listed", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const listA = await expectJson(a.owner, "GET", "/api/api-keys", undefined, 200);
    const listB = await expectJson(b.owner, "GET", "/api/api-keys", undefined, 200);
    expect(listA.data).toHaveLength(1);
    expect(listB.data).toHaveLength(1);
    expect(listA.data[0].id).not.toBe(listB.data[0].id);
  });

  it("a key works through x-api-key and through authorization: Bearer, scoped to its organization", async () => {
    const t = await newTenant();
    const other = await newTenant();
    await createContact(other.owner, { first_name: "Elsewhere" });
    await createContact({ headers: { "x-api-key": t.apiKey } }, { first_name: "ViaHeader" });
    await createContact({ headers: { authorization: `Bearer ${t.apiKey}` } }, { first_name: "ViaBearer" });
    await createContact({ headers: { authorization: `bearer ${t.apiKey}` } }, { first_name: "ViaLowercaseBearer" });
    expect(names(await expectJson(t.owner, "GET", "/api/contacts", undefined, 200))).toEqual(["ViaBearer", "ViaHeader", "ViaLowercaseBearer"]);
    expect(names(await expectJson({ headers: { authorization: `Bearer ${t.apiKey}` } }, "GET", "/api/contacts", undefined, 200))).toEqual([
      "ViaBearer",
      "ViaHeader",
      "ViaLowercaseBearer",
    ]);
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

  it("DELETE revokes a key: 204, and it stops working at once", async () => {
    const t = await newTenant();
    const spare = await expectJson(t.owner, "POST", "/api/api-keys", { name: "spare" }, 201);
    const [webhook] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data.filter((k: { name: string }) => k.name === "webhook");
    await expectJson(t.key, "GET", "/api/contacts", undefined, 200);

    const res = await send(t.owner, "DELETE", `/api/api-keys/${webhook.id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    await expectError(await send(t.key, "GET", "/api/contacts"), 401, "unauthenticated");
    await expectError(await send({ headers: { authorization: `Bearer ${t.apiKey}` } }, "GET", "/api/contacts"), 401, "unauthenticated");
    const list = await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200);
    expect(list.data.map((k: { id: string }) => k.id)).toEqual([spare.id]);
    // The other key is untouched; deleting again finds nothing.
    await expectJson({ headers: { "x-api-key": spare.key } }, "GET", "/api/contacts", undefined, 200);
    await expectError(await send(t.owner, "DELETE", `/api/api-keys/${webhook.id}`), 404, "not_found");
  });

  it("DELETE of another organization's key is a 404 and leaves it working", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const [bKey] = (await expectJson(b.owner, "GET", "/api/api-keys", undefined, 200)).data;
    const error = await expectError(await send(a.owner, "DELETE", `/api/api-keys/${bKey.id}`), 404, "not_found");
    expect(error.message).not.toContain(bKey.id);
    await expectJson(b.key, "GET", "/api/contacts", undefined, 200);
    expect((await expectJson(b.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
    // Exactly what an id that exists nowhere answers.
    const nowhere = await expectError(await send(a.owner, "DELETE", `/api/api-keys/${crypto.randomUUID()}`), 404, "not_found");
    expect(nowhere.message).toBe(error.message);
  });

  it("DELETE with an id that is not a UUID is a 400", async () => {
    const t = await newTenant();
    const error = await expectError(await send(t.owner, "DELETE", "/api/api-keys/not-a-uuid"), 400, "validation_failed");
    expect(error.issues?.[0]?.path).toEqual(["id"]);
  });

  describe("POST input", () => {
    const cases: [string, unknown, (string | number)[]][] = [
      ["missing name", {}, ["name"]],
      ["name null", { name: null }, ["name"]],
      ["name of the wrong type", { name: 42 }, ["name"]],
      ["empty name", { name: "" }, ["name"]],
      ["blank name", { name: "   " }, ["name"]],
      ["name over 100 characters", { name: "x".repeat(101) }, ["name"]],
      ["name with a control character", { name: "bad\u0000name" }, ["name"]],
      ["name with a newline", { name: "two\nlines" }, ["name"]],
      ["unknown field", { name: "ok", organization_id: crypto.randomUUID() }, ["organization_id"]],
      ["key chosen by the caller", { name: "ok", key: "cik_mine" }, ["key"]],
    ];
    it.each(cases)("%s is a 400 validation_failed", async (_, body, path) => {
      const t = await newTenant();
      const error = await expectError(await send(t.owner, "POST", "/api/api-keys", body), 400, "validation_failed");
      expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
    });

    it("a body that is not a JSON object is a 400", async () => {
      const t = await newTenant();
      await expectError(await send(t.owner, "POST", "/api/api-keys", ["name"]), 400, "validation_failed");
      await expectError(await send(t.owner, "POST", "/api/api-keys", "name"), 400, "validation_failed");
      await expectError(await send(t.owner, "POST", "/api/api-keys", null), 400, "validation_failed");
    });

    it("malformed JSON is a 400", async () => {
      const t = await newTenant();
      const headers = { ...t.owner.headers, origin: "http://localhost:8787", "content-type": "application/json" };
      await expectError(await request("/api/api-keys", { method: "POST", headers, body: '{"name": "x"' }), 400, "validation_failed");
      await expectError(await request("/api/api-keys", { method: "POST", headers, body: "" }), 400, "validation_failed");
    });

    it("another content type is a 415", async () => {
      const t = await newTenant();
      const headers = { ...t.owner.headers, origin: "http://localhost:8787" };
      await expectError(
        await request("/api/api-keys", { method: "POST", headers: { ...headers, "content-type": "text/plain" }, body: '{"name":"x"}' }),
        415,
        "unsupported_media_type",
      );
      await expectError(
        await request("/api/api-keys", { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: "name=x" }),
        415,
        "unsupported_media_type",
      );
      expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
    });

    it("a body over 64 KiB is a 413", async () => {
      const t = await newTenant();
      await expectError(await send(t.owner, "POST", "/api/api-keys", { name: "x".repeat(65 * 1024) }), 413, "payload_too_large");
    });

    it("a name is trimmed; 100 characters is fine", async () => {
      const t = await newTenant();
      expect((await expectJson(t.owner, "POST", "/api/api-keys", { name: "  padded  " }, 201)).name).toBe("padded");
      const long = "é".repeat(100);
      expect((await expectJson(t.owner, "POST", "/api/api-keys", { name: long }, 201)).name).toBe(long);
    });
  });

  describe("who may manage them", () => {
    it("a member with role member is a 403 forbidden on every API key route", async () => {
      const t = await newTenant();
      const member = await joinAs(t.owner, t.organizationId, "member");
      const [key] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
      await expectError(await send(member, "GET", "/api/api-keys"), 403, "forbidden");
      await expectError(await send(member, "POST", "/api/api-keys", { name: "mine" }), 403, "forbidden");
      await expectError(await send(member, "DELETE", `/api/api-keys/${key.id}`), 403, "forbidden");
      await expectJson(t.key, "GET", "/api/contacts", undefined, 200);
      expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
    });

    it("an admin manages them", async () => {
      const t = await newTenant();
      const admin = await joinAs(t.owner, t.organizationId, "admin");
      const created = await expectJson(admin, "POST", "/api/api-keys", { name: "by admin" }, 201);
      expect((await expectJson(admin, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(2);
      expect((await send(admin, "DELETE", `/api/api-keys/${created.id}`)).status).toBe(204);
    });

    it("the role is the one held in the active organization", async () => {
      const t = await newTenant();
      const user = await signUp();
      const own = await createOrganization(user);
      await expectJson(user, "GET", "/api/api-keys", undefined, 200);
      await joinAs(t.owner, t.organizationId, "member", user);
      await expectError(await send(user, "GET", "/api/api-keys"), 403, "forbidden");
      await setActive(user, own);
      await expectJson(user, "GET", "/api/api-keys", undefined, 200);
    });

    it("an admin demoted to member loses key management at once", async () => {
      const t = await newTenant();
      const admin = await joinAs(t.owner, t.organizationId, "admin");
      await expectJson(admin, "GET", "/api/api-keys", undefined, 200);
      await expectJson(t.owner, "POST", "/api/auth/organization/update-member-role", { memberId: admin.memberId, role: "member", organizationId: t.organizationId }, 200);
      await expectError(await send(admin, "GET", "/api/api-keys"), 403, "forbidden");
      await expectError(await send(admin, "POST", "/api/api-keys", { name: "late" }), 403, "forbidden");
    });

    it("an API key cannot manage API keys: 403 forbidden", async () => {
      const t = await newTenant();
      const [key] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
      for (const caller of [t.key, { headers: { authorization: `Bearer ${t.apiKey}` } }]) {
        await expectError(await send(caller, "GET", "/api/api-keys"), 403, "forbidden");
        await expectError(await send(caller, "POST", "/api/api-keys", { name: "minted by a key" }), 403, "forbidden");
        await expectError(await send(caller, "DELETE", `/api/api-keys/${key.id}`), 403, "forbidden");
      }
      expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
      await expectJson(t.key, "GET", "/api/contacts", undefined, 200);
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
      await expectError(await send({ headers: { "x-api-key": await sha256Hex(t.apiKey) } }, "GET", "/api/contacts"), 401, "unauthenticated");
    });
  });
});

describe("every authenticated route", () => {
  /** Every route the service documents, with its path parameters filled in. */
  async function documentedRoutes(): Promise<[method: string, path: string][]> {
    const doc = await expectJson(anonymous, "GET", "/api/openapi.json", undefined, 200);
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
        .map((m): [string, string] => [m.toUpperCase(), path.replace(/\{\w+\}/g, () => crypto.randomUUID())]),
    );
    // The contract's Contacts and API keys routes, at least.
    expect(routes.length).toBeGreaterThanOrEqual(16);
    return routes;
  }

  const bodyFor = (method: string) => (method === "POST" || method === "PUT" ? { first_name: "x", name: "x" } : undefined);

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
      await expectError(await send({ headers: { authorization: `Bearer ${t.apiKey}` } }, method, path, bodyFor(method)), 401, "unauthenticated");
    }
  });

  it("with a garbage key, or after sign-out, is a 401 envelope", async () => {
    const t = await newTenant();
    await expectJson(t.owner, "POST", "/api/auth/sign-out", {}, 200);
    for (const [method, path] of await documentedRoutes()) {
      await expectError(await send({ headers: { "x-api-key": "nope" } }, method, path, bodyFor(method)), 401, "unauthenticated");
      await expectError(await send(t.owner, method, path, bodyFor(method)), 401, "unauthenticated");
    }
  });

  it("credentials are checked before the body: an unauthenticated bad body is a 401, not a 400", async () => {
    await expectError(await send(anonymous, "POST", "/api/contacts", { nope: true }), 401, "unauthenticated");
    await expectError(
      await request("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }),
      401,
      "unauthenticated",
    );
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

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
