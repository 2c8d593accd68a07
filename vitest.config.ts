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

/**
 * `npm test` prints the runner's summary and its failures, with the logs of failing tests only;
 * TEST_LOGS=1 shows every test's logs (request logs, better-auth's warnings), wrangler's own and
 * the slow tests.
 */
const showLogs = process.env.TEST_LOGS === "1";
// The test pool reads wrangler.jsonc through wrangler, which says where it looked for secrets and warns
// that the required ones are missing: the pool's bindings (below) hold them, so both are noise. Errors stay.
if (!showLogs) process.env.WRANGLER_LOG ??= "error";

export default defineConfig({
  test: {
    silent: showLogs ? false : "passed-only",
    // A file's tests are listed when one is slower than this: in workerd most take over the default
    // 300 ms (password hashing), which listed hundreds of passing tests.
    slowTestThreshold: showLogs ? 300 : 10_000,
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
              // Budgets of three requests a minute, beside wrangler.jsonc's own (which every other test runs
              // under): test/app/rate-limits.test.ts swaps them in, so a 429 takes four requests, not thousands.
              ratelimits: Object.fromEntries(
                ["TEST_API_RATE_LIMIT", "TEST_RING_RATE_LIMIT", "TEST_FAILED_AUTH_RATE_LIMIT"].map((name, i) => [
                  name,
                  { namespace_id: String(9001 + i), simple: { limit: 3, period: 60 as const } },
                ]),
              ),
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
      {
        // In Node: the tools of tools/ (npm run dev's pieces, npm run deploy against a stubbed wrangler).
        test: {
          name: "tools",
          environment: "node",
          include: ["tools/test/**/*.test.ts"],
          // After the browser tests: the dev server test runs wrangler dev and workerd too.
          sequence: { groupOrder: 2 },
          maxWorkers: 2,
          testTimeout: 120_000,
          // The dev server test migrates a D1 and starts wrangler dev before its tests: slow on a busy machine.
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
