import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Principal } from "../context";
import { createDb } from "../db/client";
import { member } from "../db/schema";
import { ApiError } from "../lib/errors";
import { apiKeyHash, isApiKey, verifyApiKey } from "../mods/api-key/services/api-keys";
import { errorResponse } from "../lib/on-error";
import { knownOrganization, organizationOfApiKey } from "../mods/contact/services/resolve-contact";
import { createAuth } from "./auth";

/** `x-api-key: KEY` or `authorization: Bearer KEY`. */
function apiKeyOf(headers: Headers): string | null {
  const header = headers.get("x-api-key");
  if (header) return header.trim();
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** Sets `principal`: the caller and the one organization everything it does is scoped to. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  c.set("principal", await principalOf(c));
  await next();
});

async function principalOf(c: Context<AppEnv>): Promise<Principal> {
  const key = apiKeyOf(c.req.raw.headers);
  if (key !== null) {
    const organizationId = await verifyApiKey(c.var.db, key, (p) => c.executionCtx.waitUntil(p));
    if (!organizationId) throw new ApiError("unauthenticated", "invalid or revoked API key");
    return { organizationId, userId: null, role: null, via: "api_key" };
  }
  const session = await createAuth(c.env, c.var.db).api.getSession({ headers: c.req.raw.headers });
  if (!session) throw new ApiError("unauthenticated", "sign in, or send an API key");
  const organizationId = session.session.activeOrganizationId;
  if (!organizationId) throw new ApiError("no_active_organization", "choose an organization first (organization/set-active)");
  // The membership, not just the session's pointer: a removed member loses access at once.
  const [membership] = await c.var.db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.userId, session.user.id)));
  if (!membership) throw new ApiError("no_active_organization", "you are no longer a member of the active organization");
  return { organizationId, userId: session.user.id, role: membership.role, via: "session" };
}

/**
 * For the ring path: an API key is not looked up here but inside the route's own database batch
 * (organizationOfApiKey), so authenticating a webhook costs no round trip of its own. Sessions
 * are authenticated as everywhere else, at the primary: the ring path runs without withDatabase.
 */
export const authenticateRing = createMiddleware<AppEnv>(async (c, next) => {
  const key = apiKeyOf(c.req.raw.headers);
  if (key === null) {
    c.set("db", createDb(c.env.DB));
    c.set("ringOrganization", knownOrganization((await principalOf(c)).organizationId));
    await next();
    return;
  }
  const keyHash = await apiKeyHash(key);
  c.set("ringOrganization", { ...organizationOfApiKey(keyHash), apiKeyHash: keyHash });
  await next();
  // A bad body was refused before the key was read: credentials come first, as on every route.
  if (c.error && c.res.status < 500 && c.res.status !== 401 && !(await isApiKey(createDb(c.env.DB), keyHash))) {
    c.res = errorResponse(c, new ApiError("unauthenticated", "invalid or revoked API key"));
  }
});

/** Managing API keys: owners and admins, signed in (a key cannot mint keys). */
export const requireOrganizationAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const { via, role } = c.var.principal;
  if (via !== "session") throw new ApiError("forbidden", "API keys are managed by signed-in users");
  if (!role?.split(",").some((r) => r === "owner" || r === "admin")) throw new ApiError("forbidden", "only owners and admins manage API keys");
  await next();
});
