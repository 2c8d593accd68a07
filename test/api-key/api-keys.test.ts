import { describe, expect, it } from "vitest";
import {
  bearer,
  createOrganization,
  expectError,
  expectJson,
  ISO,
  joinAs,
  newTenant,
  send,
  sendRaw,
  setActive,
  sha256Hex,
  signUp,
  UUID,
} from "../support/helpers";

/*
 * The API key routes (/api/api-keys): creating a key (shown once), listing and revoking an
 * organization's keys, their input, and who may manage them (owners and admins, with a session).
 * Using a key as credentials is covered in ../auth/api-key-credentials.test.ts.
 */

describe("API keys", () => {
  it("POST creates a key, shown this once", async () => {
    const t = await newTenant();
    const created = await expectJson(t.owner, "POST", "/api/api-keys", { name: "Twilio webhook" }, 201);
    expect(created).toMatchObject({
      id: expect.stringMatching(UUID),
      name: "Twilio webhook",
      key: expect.any(String),
      created_at: expect.stringMatching(ISO),
    });
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
    expect(list.data[0]).toMatchObject({
      id: created.id,
      name: "second",
      created_at: created.created_at,
      last_used_at: null,
    });
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

  it("DELETE revokes a key: 204, and it stops working at once", async () => {
    const t = await newTenant();
    const spare = await expectJson(t.owner, "POST", "/api/api-keys", { name: "spare" }, 201);
    const [webhook] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data.filter(
      (k: { name: string }) => k.name === "webhook",
    );
    await expectJson(t.key, "GET", "/api/contacts", undefined, 200);

    const res = await send(t.owner, "DELETE", `/api/api-keys/${webhook.id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    await expectError(await send(t.key, "GET", "/api/contacts"), 401, "unauthenticated");
    await expectError(
      await send({ headers: { authorization: `Bearer ${t.apiKey}` } }, "GET", "/api/contacts"),
      401,
      "unauthenticated",
    );
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
    const nowhere = await expectError(
      await send(a.owner, "DELETE", `/api/api-keys/${crypto.randomUUID()}`),
      404,
      "not_found",
    );
    expect(nowhere.message).toBe(error.message);
  });

  it("DELETE with an id that is not a UUID is a 400", async () => {
    const t = await newTenant();
    const error = await expectError(
      await send(t.owner, "DELETE", "/api/api-keys/not-a-uuid"),
      400,
      "validation_failed",
    );
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
      ["unknown scope", { name: "ok", scope: "admin" }, ["scope"]],
      ["scope in another case", { name: "ok", scope: "FULL" }, ["scope"]],
      ["scope null", { name: "ok", scope: null }, ["scope"]],
      ["scope of the wrong type", { name: "ok", scope: ["calls"] }, ["scope"]],
      ["creator chosen by the caller", { name: "ok", created_by: crypto.randomUUID() }, ["created_by"]],
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
      await expectError(
        await sendRaw(t.owner, "POST", "/api/api-keys", '{"name": "x"', "application/json"),
        400,
        "validation_failed",
      );
      await expectError(
        await sendRaw(t.owner, "POST", "/api/api-keys", "", "application/json"),
        400,
        "validation_failed",
      );
    });

    it("another content type is a 415", async () => {
      const t = await newTenant();
      await expectError(
        await sendRaw(t.owner, "POST", "/api/api-keys", '{"name":"x"}', "text/plain"),
        415,
        "unsupported_media_type",
      );
      await expectError(
        await sendRaw(t.owner, "POST", "/api/api-keys", "name=x", "application/x-www-form-urlencoded"),
        415,
        "unsupported_media_type",
      );
      expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
    });

    it("a body over 64 KiB is a 413", async () => {
      const t = await newTenant();
      await expectError(
        await send(t.owner, "POST", "/api/api-keys", { name: "x".repeat(65 * 1024) }),
        413,
        "payload_too_large",
      );
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
      await expectJson(
        t.owner,
        "POST",
        "/api/auth/organization/update-member-role",
        { memberId: admin.memberId, role: "member", organizationId: t.organizationId },
        200,
      );
      await expectError(await send(admin, "GET", "/api/api-keys"), 403, "forbidden");
      await expectError(await send(admin, "POST", "/api/api-keys", { name: "late" }), 403, "forbidden");
    });

    it("an API key cannot manage API keys: 403 forbidden", async () => {
      const t = await newTenant();
      const [key] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
      for (const caller of [t.key, bearer(t)]) {
        await expectError(await send(caller, "GET", "/api/api-keys"), 403, "forbidden");
        await expectError(await send(caller, "POST", "/api/api-keys", { name: "minted by a key" }), 403, "forbidden");
        await expectError(await send(caller, "DELETE", `/api/api-keys/${key.id}`), 403, "forbidden");
      }
      expect((await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data).toHaveLength(1);
      await expectJson(t.key, "GET", "/api/contacts", undefined, 200);
    });
  });
});
