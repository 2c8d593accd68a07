declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** The enrichment queue's max_retries in wrangler.enrichment.jsonc (vitest.config.ts). */
    TEST_ENRICHMENT_MAX_RETRIES: string;
    /** The providers' official webhook SDKs, served in Node (tools/webhook-signer.mjs, test/global-setup.ts). */
    WEBHOOK_SIGNER_URL: string;
    /** Small budgets (vitest.config.ts) that test/app/rate-limits.test.ts swaps in for the real ones. */
    TEST_API_RATE_LIMIT: RateLimit;
    TEST_RING_RATE_LIMIT: RateLimit;
    TEST_FAILED_AUTH_RATE_LIMIT: RateLimit;
  }
}
