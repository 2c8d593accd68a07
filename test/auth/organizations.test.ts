import { describe, expect, it } from "vitest";
import {
  createContact,
  createOrganization,
  emailOf,
  expectError,
  expectJson,
  firstNames,
  getSession,
  joinAs,
  newTenant,
  send,
  setActive,
  signUp,
  UUID,
} from "../support/helpers";

/*
 * Organizations through better-auth: the session's active organization decides what the API
 * shows, and membership is checked on every request (a removed member, a deleted organization).
 */

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
    expect(firstNames(await expectJson(user, "GET", "/api/contacts", undefined, 200))).toEqual([]);
    await createContact(user, { first_name: "InSecond" });

    await setActive(user, first);
    expect((await getSession(user)).session.activeOrganizationId).toBe(first);
    expect(firstNames(await expectJson(user, "GET", "/api/contacts", undefined, 200))).toEqual(["InFirst"]);

    await setActive(user, second);
    expect(firstNames(await expectJson(user, "GET", "/api/contacts", undefined, 200))).toEqual(["InSecond"]);
  });

  it("set-active to an organization the user does not belong to is refused, and never shows its contacts", async () => {
    const other = await newTenant();
    await createContact(other.owner, { first_name: "NotYours" });
    const user = await signUp();
    await createOrganization(user);
    await createContact(user, { first_name: "Mine" });
    expect(
      (await send(user, "POST", "/api/auth/organization/set-active", { organizationId: other.organizationId })).status,
    ).toBe(403);
    // better-auth clears the active organization on such an attempt: the user must choose again.
    expect((await getSession(user)).session.activeOrganizationId ?? null).toBeNull();
    await expectError(await send(user, "GET", "/api/contacts"), 403, "no_active_organization");
  });

  it("a session with no active organization is a 403 no_active_organization", async () => {
    const user = await signUp();
    await expectError(await send(user, "GET", "/api/contacts"), 403, "no_active_organization");
    await expectError(
      await send(user, "POST", "/api/contacts", { first_name: "Nobody" }),
      403,
      "no_active_organization",
    );
    await expectError(await send(user, "GET", "/api/api-keys"), 403, "no_active_organization");
    await expectError(await send(user, "POST", "/api/api-keys", { name: "x" }), 403, "no_active_organization");
  });

  it("a member removed from an organization loses access at once, even with it still active on their session", async () => {
    const t = await newTenant();
    await createContact(t.owner, { first_name: "Secret" });
    const member = await joinAs(t.owner, t.organizationId, "member");
    expect(firstNames(await expectJson(member, "GET", "/api/contacts", undefined, 200))).toEqual(["Secret"]);

    await expectJson(
      t.owner,
      "POST",
      "/api/auth/organization/remove-member",
      { memberIdOrEmail: await emailOf(member), organizationId: t.organizationId },
      200,
    );
    // better-auth leaves the removed user's session pointing at the organization...
    expect((await getSession(member)).session.activeOrganizationId).toBe(t.organizationId);
    // ...but the service checks the membership itself.
    await expectError(await send(member, "GET", "/api/contacts"), 403, "no_active_organization");
    await expectError(
      await send(member, "POST", "/api/contacts", { first_name: "Intruder" }),
      403,
      "no_active_organization",
    );
    expect(firstNames(await expectJson(t.owner, "GET", "/api/contacts", undefined, 200))).toEqual(["Secret"]);
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
    expect(firstNames(await expectJson(t.key, "GET", "/api/contacts", undefined, 200))).toEqual(["ByMember"]);
  });
});
