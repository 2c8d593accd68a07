import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  type Caller,
  createOrganization,
  emailOf,
  expectJson,
  getSession,
  joinAs,
  newTenant,
  send,
  setActive,
} from "../support/helpers";

/*
 * A key lives no longer than its maker's place in the organization: removing the member, the
 * member leaving, or the user's deletion revokes the keys they made there (and only those).
 * The database does it (triggers of migrations/0004_api_key_scope.sql), whatever deletes the row.
 */

/** A key the caller makes in their active organization, as credentials. */
async function keyMadeBy(caller: Caller, name = "made by admin") {
  const created = await expectJson(caller, "POST", "/api/api-keys", { name }, 201);
  return { id: created.id as string, caller: { headers: { "x-api-key": created.key } } satisfies Caller };
}

const keyIds = async (owner: Caller) =>
  (await expectJson(owner, "GET", "/api/api-keys", undefined, 200)).data.map((k: { id: string }) => k.id);

/** Whether a key still authenticates: the ring is a route every scope reaches. */
async function keyWorks(key: Caller) {
  const res = await send(key, "POST", "/api/calls/inbound", { from: "anonymous" });
  if (res.status === 401) return false;
  expect(res.status).toBe(201);
  return true;
}

describe("keys revoked with their creator", () => {
  it("removing a member revokes the keys they made in that organization, and only those", async () => {
    const t = await newTenant();
    const admin = await joinAs(t.owner, t.organizationId, "admin");
    const adminKey = await keyMadeBy(admin);
    // The admin's own organization, and its key, are not the removing organization's business.
    const own = await createOrganization(admin);
    const ownKey = await keyMadeBy(admin, "own organization");
    expect(await keyWorks(adminKey.caller)).toBe(true);

    await expectJson(
      t.owner,
      "POST",
      "/api/auth/organization/remove-member",
      { memberIdOrEmail: await emailOf(admin), organizationId: t.organizationId },
      200,
    );

    expect(await keyWorks(adminKey.caller)).toBe(false);
    expect(await keyIds(t.owner)).not.toContain(adminKey.id);
    expect(await keyWorks(t.key)).toBe(true); // the owner's key stays
    expect(await keyWorks(ownKey.caller)).toBe(true);
    await setActive(admin, own);
    expect(await keyIds(admin)).toEqual([ownKey.id]);
  });

  it("a member who leaves takes the keys they made with them", async () => {
    const t = await newTenant();
    const admin = await joinAs(t.owner, t.organizationId, "admin");
    const adminKey = await keyMadeBy(admin);
    await expectJson(admin, "POST", "/api/auth/organization/leave", { organizationId: t.organizationId }, 200);
    expect(await keyWorks(adminKey.caller)).toBe(false);
    expect(await keyIds(t.owner)).toHaveLength(1);
  });

  it("a key outlives a change of its maker's role (only removal revokes)", async () => {
    const t = await newTenant();
    const admin = await joinAs(t.owner, t.organizationId, "admin");
    const adminKey = await keyMadeBy(admin);
    await expectJson(
      t.owner,
      "POST",
      "/api/auth/organization/update-member-role",
      { memberId: admin.memberId, role: "member", organizationId: t.organizationId },
      200,
    );
    expect(await keyWorks(adminKey.caller)).toBe(true);
  });

  it("deleting a user revokes every key they made", async () => {
    const t = await newTenant();
    const admin = await joinAs(t.owner, t.organizationId, "admin");
    const adminKey = await keyMadeBy(admin);
    const { user } = await getSession(admin);
    // better-auth's delete-user route is off: an operator deletes users in the database.
    await env.DB.prepare("DELETE FROM user WHERE id = ?").bind(user.id).run();
    expect(await keyWorks(adminKey.caller)).toBe(false);
    expect(await keyIds(t.owner)).toHaveLength(1);
  });

  it("a key whose maker's row is gone is listed with created_by null", async () => {
    const t = await newTenant();
    const [key] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
    // Only the foreign key's fallback gets here (the triggers revoke first): set it as it would.
    await env.DB.prepare("UPDATE api_key SET created_by_user_id = NULL WHERE id = ?").bind(key.id).run();
    const [listed] = (await expectJson(t.owner, "GET", "/api/api-keys", undefined, 200)).data;
    expect(listed).toMatchObject({ id: key.id, created_by: null, scope: "full" });
  });

  it("another organization's owner cannot remove the maker: the key keeps working", async () => {
    const t = await newTenant();
    const stranger = await newTenant();
    const admin = await joinAs(t.owner, t.organizationId, "admin");
    const adminKey = await keyMadeBy(admin);
    const res = await send(stranger.owner, "POST", "/api/auth/organization/remove-member", {
      memberIdOrEmail: await emailOf(admin),
      organizationId: t.organizationId,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await keyWorks(adminKey.caller)).toBe(true);
  });
});
