export interface RetryPolicy {
  /** The first retry's delay; each further one doubles it. */
  baseSeconds: number;
  maxSeconds: number;
}

/** Exponential backoff, never sooner than the API's retry-after (itself capped by the model client). */
export function retryDelaySeconds(attempts: number, policy: RetryPolicy, retryAfterSeconds?: number): number {
  const backoff = policy.baseSeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(policy.maxSeconds, Math.max(retryAfterSeconds ?? 0, backoff));
}
