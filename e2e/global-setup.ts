// The browser tests' world: the SPA built (npm run build:ui), a fake OpenAI, both Workers under
// `wrangler dev` on a state directory of their own (.wrangler/e2e, migrated afresh, its own
// .dev.vars), and one headless Chromium that every test file connects to with contexts of its own.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { startFakeOpenAI } from "../tools/fake-openai.mjs";
import { freePort, freshDatabase, isolatedConfigs, startWorker } from "../tools/local-worker.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    wsEndpoint: string;
    fakeOpenaiUrl: string;
  }
}

// E2E_STATE_DIR: a directory of its own for a second run at the same time (each run wipes its state first).
const STATE_DIR = process.env.E2E_STATE_DIR ?? ".wrangler/e2e";

/** Debian's Chromium (apt-get install chromium); browser downloads do not work on these machines. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export default async function setup(project: TestProject) {
  const started = performance.now();
  // Progress lines only when asked (TEST_LOGS=1, as vitest.config.ts shows tests' logs): npm test prints its summary.
  const log = (what: string) => process.env.TEST_LOGS === "1" && console.log(`[e2e] ${what} (${elapsed(started)})`);
  const stops: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error("[e2e] teardown:", e));
  };
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // This run's screenshots only.
  rmSync("test-output/screenshots", { recursive: true, force: true });
  try {
    const fake = await startFakeOpenAI();
    stops.push(() => fake.close());

    freshDatabase(STATE_DIR, "wrangler.jsonc", { stdio: ["ignore", "ignore", "inherit"] });
    log("D1 migrated");

    // The SPA as `npm run build:ui` builds it, into a directory of the run's own: a developer's
    // `npm run dev` rebuilding dist/client meanwhile cannot pull the pages from under the tests.
    // NODE_ENV=production: vitest sets it to "test", with which Vite would bundle React's development
    // build (twice the size, StrictMode's doubled effects) instead of the one users get.
    const client = resolve(STATE_DIR, "client");
    const env = { ...process.env, NODE_ENV: "production" };
    execFileSync(
      "npm",
      ["run", "--silent", "build:ui", "--", "--outDir", client, "--emptyOutDir", "--logLevel", "warn"],
      { stdio: ["ignore", "inherit", "inherit"], env },
    );
    log("SPA built");
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const configs = isolatedConfigs(
      STATE_DIR,
      ["wrangler.jsonc", "wrangler.enrichment.jsonc"],
      {
        BETTER_AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
        INTEGRATION_SECRETS_KEY: "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=",
        // The origin the browser uses: better-auth checks Origin against it and scopes cookies to it.
        BETTER_AUTH_URL: baseUrl,
        OPENAI_API_KEY: "sk-e2e",
        OPENAI_BASE_URL: fake.url,
        OPENAI_TIMEOUT_SECONDS: "5",
        ENRICHMENT_RETRY_BASE_SECONDS: "0",
      },
      (config) => {
        if (config.assets) config.assets.directory = client;
      },
    );
    const worker = await startWorker({ dir: STATE_DIR, port, configs, logLevel: process.env.E2E_LOG_LEVEL ?? "error" });
    stops.push(() => worker.stop());
    log(`wrangler dev on ${baseUrl}`);

    // Playwright gives the browser a new empty --user-data-dir (a temp dir) and removes it on close.
    const browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    stops.push(() => browser.close());
    log(`Chromium ${CHROMIUM}`);

    project.provide("baseUrl", baseUrl);
    project.provide("wsEndpoint", browser.wsEndpoint());
    project.provide("fakeOpenaiUrl", fake.url.replace(/\/v1$/, ""));
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
