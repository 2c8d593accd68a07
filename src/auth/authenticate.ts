import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Principal } from "../context";
import { member } from "../db/schema";
import { ApiError } from "../lib/errors";
import { apiKeyOf, verifyApiKey } from "./api-key-credentials";
import { createAuth } from "./better-auth";

/** Sets `principal`: the caller and the one organization everything it does is scoped to. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  c.set("principal", await principalOf(c));
  await next();
});

export async function principalOf(c: Context<AppEnv>): Promise<Principal> {
  const key = apiKeyOf(c.req.raw.headers);
  if (key !== null) {
    const organizationId = await verifyApiKey(c.var.db, key, (p) => c.executionCtx.waitUntil(p));
    if (!organizationId) throw invalidApiKey();
    return { organizationId, userId: null, role: null, via: "api_key" };
  }
  const session = await createAuth(c.env, c.var.db).api.getSession({ headers: c.req.raw.headers });
  if (!session) throw new ApiError("unauthenticated", "sign in, or send an API key");
  const organizationId = session.session.activeOrganizationId;
  if (!organizationId) {
    throw new ApiError("no_active_organization", "choose an organization first (organization/set-active)");
  }
  // The membership, not just the session's pointer: a removed member loses access at once.
  const [membership] = await c.var.db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.userId, session.user.id)));
  if (!membership) {
    throw new ApiError("no_active_organization", "you are no longer a member of the active organization");
  }
  return { organizationId, userId: session.user.id, role: membership.role, via: "session" };
}

export const invalidApiKey = () => new ApiError("unauthenticated", "invalid or revoked API key");

/**
 * Managing the organization's credentials (API keys, integrations): owners and admins, signed in
 * (a key cannot mint keys or read an integration's settings).
 */
export const requireOrganizationAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const { via, role } = c.var.principal;
  if (via !== "session") throw new ApiError("forbidden", "API keys and integrations are managed by signed-in users");
  if (!role?.split(",").some((r) => r === "owner" || r === "admin")) {
    throw new ApiError("forbidden", "only owners and admins manage API keys and integrations");
  }
  await next();
});
