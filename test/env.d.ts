declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** The enrichment queue's max_retries in wrangler.enrichment.jsonc (vitest.config.ts). */
    TEST_ENRICHMENT_MAX_RETRIES: string;
  }
}
