import { ApiError } from "./errors";

/*
 * Budgets counted by Cloudflare's Workers Rate Limiting bindings (`ratelimits` in wrangler.jsonc):
 * each binding holds a limit of requests per period, and `limit({ key })` counts one request of
 * `key` against it. The binding answers only yes or no, and nothing about when its window ends.
 */

/** The period of every `ratelimits` binding in wrangler.jsonc. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * The seconds until the current period ends, at least 1. Local workerd counts in periods aligned
 * on the clock; Cloudflare's counting is approximate, so in production this is an estimate: a
 * client that retries too early is answered another 429 with another estimate.
 */
export function retryAfterSeconds(now = Date.now()): number {
  const periodMs = RATE_LIMIT_PERIOD_SECONDS * 1000;
  return Math.max(1, Math.ceil((periodMs - (now % periodMs)) / 1000));
}

export const rateLimited = (message: string) =>
  new ApiError("rate_limited", message, { retryAfterSeconds: retryAfterSeconds() });

/** Counts one request of `key` against `budget`; over it, the contract's 429 with `retry-after`. */
export async function spend(budget: RateLimit, key: string, message: string): Promise<void> {
  const { success } = await budget.limit({ key });
  if (!success) throw rateLimited(message);
}
