import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { createDb } from "../db/client";
import { type ApiKeyUse, apiKeyHash, apiKeyOf, findApiKey, refreshApiKeyUse } from "./api-key-credentials";
import { invalidApiKey, principalOf } from "./authenticate";
import { organizationById, organizationOfApiKey } from "./organization-sql";
import { guardFailedAuthentication, rememberApiKey, spendRing, spendRingOfKey } from "./rate-limits";

/*
 * The ring path's authentication, all of it in this file. A session is authenticated as on every
 * route. An API key is not looked up before the route runs: the ring's own D1 batch reads its
 * organization (organizationOfApiKey), so authenticating a webhook costs no round trip of its
 * own. The key is therefore judged at one of two moments:
 * - the batch ran: it found the key's organization, or the key is unknown (acceptRingAnswer);
 * - the request failed before the batch (a bad body): the key is looked up then, so that bad
 *   credentials answer 401 before a 400, as on every route (authenticateRing, after `next`).
 * The ring's rate limits (rate-limits.ts) are counted here as well, before the batch and with no
 * round trip: the ring's budget per organization (a key's organization as this isolate learned it
 * from the key's earlier batches), and the client address's failed authentications (an address
 * refused for them has a key this isolate has not seen looked up first, see guardFailedAuthentication).
 */

export const authenticateRing = createMiddleware<AppEnv>((c, next) =>
  // Outermost, so that a 401 of either moment counts against the client's address.
  guardFailedAuthentication(c, () => authenticateRingCaller(c, next), organizationOfKeyRead(c)),
);

async function authenticateRingCaller(c: Context<AppEnv>, next: Next) {
  const key = apiKeyOf(c.req.raw.headers);
  if (key === null) {
    // The ring runs without the Sessions API wrapper (it writes at the primary anyway).
    c.set("db", createDb(c.env.DB));
    const { organizationId } = await principalOf(c);
    c.set("ringCaller", { organization: organizationById(organizationId), apiKeyHash: null });
    await spendRing(c.env, organizationId);
  } else {
    const keyHash = await apiKeyHash(key);
    c.set("ringCaller", { organization: organizationOfApiKey(keyHash), apiKeyHash: keyHash });
    // Counted before the batch, by the organization this isolate learned the key belongs to.
    await spendRingOfKey(c.env, keyHash);
  }
  await next();
  const { apiKeyHash: keyHash } = c.var.ringCaller;
  if (c.error && c.res.status < 500 && c.res.status !== 401 && keyHash !== null) {
    if (!(await findApiKey(createDb(c.env.DB), keyHash))) throw invalidApiKey();
  }
}

/** A key's organization read outside the batch: only for an address refused for its failures. */
const organizationOfKeyRead = (c: Context<AppEnv>) => async (keyHash: string) =>
  (await findApiKey(createDb(c.env.DB), keyHash))?.organizationId ?? null;

/**
 * What the ring's batch found: no organization means the key is unknown or revoked (and nothing
 * was written). A known key's last use is refreshed after the answer.
 */
export function acceptRingAnswer(
  c: Pick<Context<AppEnv>, "env" | "executionCtx" | "var">,
  answer: { organizationId: string | null; apiKey: ApiKeyUse | null },
): void {
  if (!answer.organizationId) throw invalidApiKey();
  const { apiKeyHash: keyHash } = c.var.ringCaller;
  if (keyHash !== null) rememberApiKey(keyHash, answer.organizationId);
  if (answer.apiKey)
    refreshApiKeyUse(
      () => createDb(c.env.DB),
      answer.apiKey,
      (p) => c.executionCtx.waitUntil(p),
    );
}
