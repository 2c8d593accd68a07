import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { METHOD_NAME_ALL } from "hono/router";
import type { AppEnv, Principal } from "../context";
import { member } from "../db/schema";
import { ApiError } from "../lib/errors";
import { assertTrustedOrigin } from "../lib/origin";
import { apiKeyOf, verifyApiKey } from "./api-key-credentials";
import { createAuth } from "./better-auth";

/** Sets `principal`: the caller and the one organization everything it does is scoped to. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await principalOf(c);
  if (principal.scope === "calls" && !isOpenToCallsKeys(c)) {
    throw new ApiError("forbidden", "this API key's scope is calls: it may only ring, post transcriptions and enrich");
  }
  c.set("principal", principal);
  await next();
});

/**
 * Marks a route that an API key of scope `calls` may use (in the route's `middleware`); it does
 * nothing itself. Every other route wants `full`, so a new route is closed to `calls` keys until
 * someone decides otherwise.
 */
export const openToCallsKeys = createMiddleware<AppEnv>(async (_c, next) => {
  await next();
});

/**
 * Whether the route this request reached carries the `openToCallsKeys` mark. Hono has matched
 * every handler of the request before the first one runs; the route-level ones (not `use`, whose
 * method is ALL) must all be of a marked route, so that another route matching the same URL
 * cannot borrow the mark.
 */
function isOpenToCallsKeys(c: Context<AppEnv>): boolean {
  const routes = matchedRoutes(c);
  const marked = new Set(routes.filter((r) => r.handler === openToCallsKeys).map((r) => r.path));
  const endpoints = routes.filter((r) => r.method !== METHOD_NAME_ALL);
  return marked.size > 0 && endpoints.every((r) => marked.has(r.path));
}

export async function principalOf(c: Context<AppEnv>): Promise<Principal> {
  const key = apiKeyOf(c.req.raw.headers);
  if (key !== null) {
    const found = await verifyApiKey(c.var.db, key, (p) => c.executionCtx.waitUntil(p));
    if (!found) throw invalidApiKey();
    return { organizationId: found.organizationId, userId: null, role: null, via: "api_key", scope: found.scope };
  }
  const session = await createAuth(c.env, c.var.db).api.getSession({ headers: c.req.raw.headers });
  if (!session) throw new ApiError("unauthenticated", "sign in, or send an API key");
  assertTrustedOrigin(c.req.method, c.req.header("origin"), c.env, c.req.url);
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
  return { organizationId, userId: session.user.id, role: membership.role, via: "session", scope: "full" };
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
