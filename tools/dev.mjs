// npm run dev: the whole service locally. Local D1 migrated, the web UI built (and rebuilt on every
// change), the API Worker (served on :8787, UI included) and the enrichment Worker in one wrangler
// session (they share the local D1 and Queues), and the fake OpenAI when .dev.vars points the model there.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { build } from "vite";
import { startFakeOpenAI } from "./fake-openai.mjs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("created .dev.vars from .dev.vars.example");
}
// The key that seals integrations' secrets: random, made the first time, kept in .dev.vars.
if (!/^INTEGRATION_SECRETS_KEY=/m.test(readFileSync(".dev.vars", "utf8"))) {
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
  appendFileSync(
    ".dev.vars",
    `\n# Seals integrations' secrets (made by npm run dev).\nINTEGRATION_SECRETS_KEY=${key}\n`,
  );
  console.log("added a new INTEGRATION_SECRETS_KEY to .dev.vars");
}
execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit" });

const fakeUrl = /^OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)/m.exec(readFileSync(".dev.vars", "utf8"));
if (fakeUrl) {
  const fake = await startFakeOpenAI({ port: Number(fakeUrl[1]), delayMs: 300 });
  console.log(
    `fake OpenAI on ${fake.url} (set OPENAI_API_KEY and remove OPENAI_BASE_URL in .dev.vars for the real model)`,
  );
}

const ui = await watchUi();

// wrangler loads from .dev.vars only the secrets a config requires; the previous secrets key is
// optional (it is there during a rotation only), so it is handed over as a var when .dev.vars has it.
const previousKey = /^INTEGRATION_SECRETS_PREVIOUS_KEY=(.+)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1];
const wrangler = spawn(
  "wrangler",
  [
    ...["dev", "-c", "wrangler.jsonc", "-c", "wrangler.enrichment.jsonc"],
    ...(previousKey ? ["--var", `INTEGRATION_SECRETS_PREVIOUS_KEY:${previousKey.trim()}`] : []),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
wrangler.on("exit", async (code) => {
  await ui.close();
  process.exit(code ?? 0);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => wrangler.kill(signal));

/**
 * The SPA (src/ui, vite.config.ts) into dist/client, where wrangler serves it from: built once
 * before wrangler starts (it needs the directory), then again on every change; reload the page
 * to see it. Resolves with the watcher after the first build.
 */
async function watchUi() {
  const watcher = await build({ logLevel: "warn", build: { watch: {} } });
  let first = true;
  let started = 0;
  let failed = false;
  await new Promise((resolve) => {
    watcher.on("event", (event) => {
      if (event.code === "START") [started, failed] = [performance.now(), false];
      if (event.code === "BUNDLE_END") event.result?.close?.();
      if (event.code === "ERROR") {
        failed = true;
        console.error(
          `[ui] build failed (the last good build is still served): ${event.error?.message ?? event.error}`,
        );
      }
      if (event.code !== "END") return;
      if (!failed)
        console.log(
          `[ui] ${first ? "built" : "rebuilt"} into dist/client in ${Math.round(performance.now() - started)} ms`,
        );
      if (first) {
        first = false;
        resolve();
      }
    });
  });
  return watcher;
}
