import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../lib/errors";
import { rateLimited, spend } from "../lib/rate-limit";
import { apiKeyHash, apiKeyOf } from "./api-key-credentials";

/*
 * Who is counted against which budget (the `ratelimits` bindings of wrangler.jsonc):
 * - API_RATE_LIMIT: every /api route but the ring, per API key or session (limitRequests);
 * - RING_RATE_LIMIT: the ring path per organization (spendRing; the platforms' webhooks too), apart
 *   from the rest, so that a key limited elsewhere still rings;
 * - FAILED_AUTH_RATE_LIMIT: failed authentications per client address (guardFailedAuthentication).
 */

const RING_MESSAGE = "too many rings for this organization this minute";

/**
 * The organization of each API key this isolate saw authenticated, by the key's hash. The ring
 * reads a key's organization inside its one D1 batch, so before the batch it has none of its own:
 * with this, a key's rings are counted against its organization from its second ring in an
 * isolate on (the first is counted against the key, on the same budget), at no round trip.
 * A key that fails authentication is forgotten. Bounded: cleared when full.
 */
const organizationOfKey = new Map<string, string>();
const ORGANIZATION_OF_KEY_MAX = 1024;

export function rememberApiKey(keyHash: string, organizationId: string) {
  if (organizationOfKey.get(keyHash) === organizationId) return;
  if (organizationOfKey.size >= ORGANIZATION_OF_KEY_MAX) organizationOfKey.clear();
  organizationOfKey.set(keyHash, organizationId);
}

/** A ring of the organization: through the API (a key or a session) or a platform's webhook. */
export const spendRing = (env: Env, organizationId: string) =>
  spend(env.RING_RATE_LIMIT, `org:${organizationId}`, RING_MESSAGE);

/** A ring with an API key, before its batch has read the key's organization. */
export function spendRingOfKey(env: Env, keyHash: string) {
  const organizationId = organizationOfKey.get(keyHash);
  return organizationId ? spendRing(env, organizationId) : spend(env.RING_RATE_LIMIT, `key:${keyHash}`, RING_MESSAGE);
}

/**
 * A platform's post-call webhook (a transcript): one per call, so on the ring's budget, per
 * organization, and counted apart from the rings.
 */
export const spendPostCall = (env: Env, organizationId: string) =>
  spend(env.RING_RATE_LIMIT, `post-call:${organizationId}`, RING_MESSAGE);

/**
 * The session cookie's value: better-auth's name for it, with the `__Secure-` prefix it takes on
 * https. Rate limits count a session by it before the session is looked up.
 */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=([^;]+)/;

/**
 * Before `authenticate`: counts the request against the budget of the credential it presents, an
 * API key or a session, by its SHA-256. A caller over its budget thus costs no database read, and
 * a forged credential only spends its own budget (failures are counted per address, below). A
 * request with neither goes on to be refused by `authenticate`.
 */
export const limitRequests = createMiddleware<AppEnv>(async (c, next) => {
  const key = apiKeyOf(c.req.raw.headers);
  const session = key === null ? SESSION_COOKIE.exec(c.req.header("cookie") ?? "")?.[1] : undefined;
  // apiKeyHash is the memoized SHA-256 in hex: the session token is hashed the same way.
  const caller =
    key !== null ? `key:${await apiKeyHash(key)}` : session ? `session:${await apiKeyHash(session)}` : null;
  if (caller !== null) await spend(c.env.API_RATE_LIMIT, caller, "too many requests with this API key or session");
  await next();
  // The ring counts a key against its organization from now on (spendRingOfKey).
  const principal = c.var.principal;
  if (key !== null && principal?.via === "api_key") rememberApiKey(await apiKeyHash(key), principal.organizationId);
});

/**
 * Client addresses over their budget of failed authentications, and until when this isolate
 * refuses them. The budget counts failures only (a binding cannot be asked without counting), so
 * an isolate learns of an address from that address's first failure past the budget there.
 */
const refusedUntil = new Map<string, number>();
const REFUSED_MAX = 4096;

function isRefused(address: string, now = Date.now()): boolean {
  const until = refusedUntil.get(address);
  if (until === undefined) return false;
  if (until > now) return true;
  refusedUntil.delete(address);
  return false;
}

function refuse(address: string, seconds: number) {
  if (refusedUntil.size >= REFUSED_MAX) refusedUntil.clear();
  refusedUntil.set(address, Date.now() + seconds * 1000);
}

/**
 * Bounds guessing: an address past its budget of failed authentications (401s) is answered 429
 * until the period ends, before its credentials are even looked up, except with an API key this
 * isolate saw authenticated. The failure that goes over the budget answers 429 too. Cloudflare
 * always sets cf-connecting-ip; a request without it (local tools) is not counted.
 *
 * `organizationOfUnknownKey`, the ring's: a telephony platform's address is shared by all its
 * customers, and a ring must not be refused for another customer's wrong key. So there a key
 * this isolate has not seen is looked up (one indexed read) rather than refused: a good one rings,
 * a wrong one is answered 429 without its batch.
 */
export async function guardFailedAuthentication(
  c: Context<AppEnv>,
  next: Next,
  organizationOfUnknownKey?: (keyHash: string) => Promise<string | null>,
): Promise<void> {
  const address = c.req.header("cf-connecting-ip");
  if (!address) return next();
  const key = apiKeyOf(c.req.raw.headers);
  const keyHash = key === null ? null : await apiKeyHash(key);
  if (isRefused(address) && !(keyHash !== null && organizationOfKey.has(keyHash))) {
    const organizationId =
      keyHash !== null && organizationOfUnknownKey ? await organizationOfUnknownKey(keyHash) : null;
    if (keyHash === null || organizationId === null) throw failedTooOften();
    rememberApiKey(keyHash, organizationId);
  }
  const countFailure = async () => {
    if (keyHash !== null) organizationOfKey.delete(keyHash);
    const { success } = await c.env.FAILED_AUTH_RATE_LIMIT.limit({ key: address });
    if (success) return;
    const error = failedTooOften();
    refuse(address, error.details.retryAfterSeconds ?? 1);
    throw error;
  };
  try {
    await next();
  } catch (err) {
    // Thrown past a middleware (the ring's check after its handler) rather than answered.
    if (err instanceof ApiError && err.code === "unauthenticated") await countFailure();
    throw err;
  }
  if (c.res.status === 401) await countFailure();
}

const failedTooOften = () => rateLimited("too many failed authentications from this address");

/** Before `authenticate` on the API's routes (the ring calls guardFailedAuthentication itself). */
export const limitFailedAuthentication = createMiddleware<AppEnv>(guardFailedAuthentication);
