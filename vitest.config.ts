import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** As wrangler.enrichment.jsonc consumes them, but with short waits so retries run in seconds. */
const enrichmentConsumer = { maxBatchSize: 20, maxBatchTimeout: 1, maxRetries: 3, deadLetterQueue: "caller-identity-enrichment-dlq" };

export default defineConfig({
  test: {
    projects: [
      {
        // Inside workerd: every route and the enrichment consumer, on a real local D1 and queues.
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            // The API and the enrichment consumer in one Worker (test/worker.ts), on the API's config.
            main: "./test/worker.ts",
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              queueConsumers: {
                "caller-identity-enrichment": enrichmentConsumer,
                "caller-identity-enrichment-dlq": { maxBatchSize: 20, maxBatchTimeout: 1 },
              },
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
                BETTER_AUTH_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
                OPENAI_BASE_URL: inject("openaiUrl"),
                OPENAI_API_KEY: "sk-test",
                OPENAI_MODEL: "gpt-5",
                OPENAI_TIMEOUT_SECONDS: "2",
                ENRICHMENT_DEAD_LETTER_QUEUE: "caller-identity-enrichment-dlq",
                ENRICHMENT_RETRY_BASE_SECONDS: "0",
              },
            },
          })),
        ],
        test: {
          name: "workers",
          globalSetup: ["./test/global-setup.ts"],
          setupFiles: ["./test/apply-migrations.ts"],
          include: ["test/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // In Node: the built SPA and both Workers under `wrangler dev`, driven in headless Chromium.
        test: {
          name: "e2e",
          environment: "node",
          globalSetup: ["./e2e/global-setup.ts"],
          include: ["e2e/**/*.test.ts"],
          // A group of its own: never at the same time as the workers project (no fight for the CPU).
          sequence: { groupOrder: 1 },
          // The files mostly wait on the browser and workerd, so more of them than cores run at once.
          maxWorkers: 4,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
