import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { readJsonc } from "./tools/local-worker.mjs";

/*
 * The test Worker (test/worker.ts) runs the API and the enrichment consumer on the API's config,
 * which has no consumers: they come from wrangler.enrichment.jsonc, so that batch sizes, retries
 * and the dead-letter queue cannot drift from production. Only the batch wait is shortened: a lone
 * message is delivered after it, and tests wait for each delivery.
 */
const enrichment = readJsonc(path.join(import.meta.dirname, "wrangler.enrichment.jsonc"));
const consumers: { queue: string; max_retries?: number; [setting: string]: unknown }[] = enrichment.queues.consumers;
/** Miniflare names wrangler's consumer settings in camelCase (max_batch_size: maxBatchSize). */
const camelCase = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const queueConsumers = Object.fromEntries(
  consumers.map(({ queue, ...settings }) => [
    queue,
    { ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [camelCase(k), v])), maxBatchTimeout: 1 },
  ]),
);
/** The enrichment queue's: the one consumer that dead-letters. */
const maxRetries = consumers.find((c) => c.dead_letter_queue)?.max_retries;
/**
 * The API config's module aliases (stand-ins for code the service never runs), which wrangler
 * applies and the test pool does not: the tests run the modules production bundles.
 */
const root = import.meta.dirname;
const workerAliases = Object.entries<string>(readJsonc(path.join(root, "wrangler.jsonc")).alias).map(
  ([find, replacement]) => ({ find, replacement: path.resolve(root, replacement) }),
);

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
              queueConsumers,
              bindings: {
                // The enrichment Worker's vars, with short waits so that retries run in seconds.
                ...enrichment.vars,
                OPENAI_BASE_URL: inject("openaiUrl"),
                WEBHOOK_SIGNER_URL: inject("webhookSignerUrl"),
                OPENAI_API_KEY: "sk-test",
                OPENAI_TIMEOUT_SECONDS: "2",
                ENRICHMENT_RETRY_BASE_SECONDS: "0",
                BETTER_AUTH_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
                // base64 of 32 bytes: seals integrations' secrets (a test key; production's is a Worker secret).
                INTEGRATION_SECRETS_KEY: "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=",
                TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
                TEST_ENRICHMENT_MAX_RETRIES: String(maxRetries),
              },
            },
          })),
        ],
        resolve: { alias: workerAliases },
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
