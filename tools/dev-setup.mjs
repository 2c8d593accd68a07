// What `npm run dev` (tools/dev.mjs) sets up around `wrangler dev`, in a module of its own so that
// tools/test/ checks the same values and code the dev server runs with.
import { mkdirSync } from "node:fs";
import { parseEnv } from "node:util";
import { startFakeOpenAI } from "./fake-openai.mjs";
import { isolatedConfigs } from "./local-worker.mjs";

/**
 * The API Worker's vars under `npm run dev` (`--var`), never in a wrangler config so never deployed:
 * the dev server trusts the origin it is reached on, localhost or 127.0.0.1 on any port
 * (OriginConfig in src/lib/origin.ts).
 */
export const DEV_SERVER_VARS = { TRUST_LOCALHOST_ORIGINS: "true" };

const ENRICHMENT_CONFIG = "wrangler.enrichment.jsonc";

/**
 * The fake OpenAI, when `.dev.vars` (its text: `devVars`) points the model at 127.0.0.1. When that
 * port is busy (another `npm run dev`), the fake takes a free one and the enrichment Worker is
 * pointed there: wrangler hands `--var` to the first config's Worker only and reads each Worker's
 * .dev.vars beside its config, so the enrichment config then runs from a copy in `stateDir` whose
 * .dev.vars says so. Resolves with the fake (null when the real model is used) and the enrichment
 * config to run.
 */
export async function startDevFakeOpenAI(devVars, { stateDir = ".wrangler/dev", delayMs = 300 } = {}) {
  const vars = parseEnv(devVars);
  const port = /^http:\/\/127\.0\.0\.1:(\d+)/.exec(vars.OPENAI_BASE_URL ?? "")?.[1];
  if (!port) return { fake: null, enrichmentConfig: ENRICHMENT_CONFIG };
  const fake = await startFakeOpenAI({ port: Number(port), delayMs, orFreePort: true });
  console.log(
    `fake OpenAI on ${fake.url} (set OPENAI_API_KEY and remove OPENAI_BASE_URL in .dev.vars for the real model)`,
  );
  if (fake.busyPort === null) return { fake, enrichmentConfig: ENRICHMENT_CONFIG };
  console.log(
    `port ${fake.busyPort} was busy, so the fake OpenAI took ${fake.port} and the enrichment Worker uses it ` +
      "(to choose the port, change OPENAI_BASE_URL in .dev.vars)",
  );
  mkdirSync(stateDir, { recursive: true });
  const [enrichmentConfig] = isolatedConfigs(stateDir, [ENRICHMENT_CONFIG], { ...vars, OPENAI_BASE_URL: fake.url });
  return { fake, enrichmentConfig };
}
