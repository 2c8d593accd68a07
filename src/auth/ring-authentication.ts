import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { createDb } from "../db/client";
import { type ApiKeyUse, apiKeyHash, apiKeyOf, findApiKey, refreshApiKeyUse } from "./api-key-credentials";
import { invalidApiKey, principalOf } from "./authenticate";
import { organizationById, organizationOfApiKey } from "./organization-sql";

/*
 * The ring path's authentication, all of it in this file. A session is authenticated as on every
 * route. An API key is not looked up before the route runs: the ring's own D1 batch reads its
 * organization (organizationOfApiKey), so authenticating a webhook costs no round trip of its
 * own. The key is therefore judged at one of two moments:
 * - the batch ran: it found the key's organization, or the key is unknown (acceptRingAnswer);
 * - the request failed before the batch (a bad body): the key is looked up then, so that bad
 *   credentials answer 401 before a 400, as on every route (authenticateRing, after `next`).
 */

export const authenticateRing = createMiddleware<AppEnv>(async (c, next) => {
  const key = apiKeyOf(c.req.raw.headers);
  if (key === null) {
    // The ring runs without the Sessions API wrapper (it writes at the primary anyway).
    c.set("db", createDb(c.env.DB));
    c.set("ringCaller", { organization: organizationById((await principalOf(c)).organizationId), apiKeyHash: null });
  } else {
    const keyHash = await apiKeyHash(key);
    c.set("ringCaller", { organization: organizationOfApiKey(keyHash), apiKeyHash: keyHash });
  }
  await next();
  const { apiKeyHash: keyHash } = c.var.ringCaller;
  if (c.error && c.res.status < 500 && c.res.status !== 401 && keyHash !== null) {
    if (!(await findApiKey(createDb(c.env.DB), keyHash))) throw invalidApiKey();
  }
});

/**
 * What the ring's batch found: no organization means the key is unknown or revoked (and nothing
 * was written). A known key's last use is refreshed after the answer.
 */
export function acceptRingAnswer(
  c: Pick<Context<AppEnv>, "env" | "executionCtx">,
  answer: { organizationId: string | null; apiKey: ApiKeyUse | null },
): void {
  if (!answer.organizationId) throw invalidApiKey();
  if (answer.apiKey)
    refreshApiKeyUse(
      () => createDb(c.env.DB),
      answer.apiKey,
      (p) => c.executionCtx.waitUntil(p),
    );
}
