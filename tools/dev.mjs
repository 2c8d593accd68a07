// npm run dev: the whole service locally. Local D1 migrated, the web UI built (and rebuilt on every
// change), the API Worker (served on :8787, UI included) and the enrichment Worker in one wrangler
// session (they share the local D1 and Queues), and the fake OpenAI when .dev.vars points the model there.
//
// Arguments go to `wrangler dev` (`npm run dev -- --port 8798 --ip 127.0.0.1`); `--persist-to` is
// also where the local D1 is migrated. The dev server trusts the origin it is reached on
// (localhost or 127.0.0.1, any port: TRUST_LOCALHOST_ORIGINS, src/lib/origin.ts).
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { build } from "vite";
import { DEV_SERVER_VARS, startDevFakeOpenAI } from "./dev-setup.mjs";

const wranglerArgs = process.argv.slice(2);
const persistTo = optionOf(wranglerArgs, "--persist-to");

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
execFileSync(
  "wrangler",
  ["d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])],
  { stdio: "inherit" },
);

const { enrichmentConfig } = await startDevFakeOpenAI(readFileSync(".dev.vars", "utf8"));
const ui = await watchUi();

// wrangler loads from .dev.vars only the secrets a config requires; the previous secrets key is
// optional (it is there during a rotation only), so it is handed over as a var when .dev.vars has it.
const previousKey = /^INTEGRATION_SECRETS_PREVIOUS_KEY=(.+)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1];
const wrangler = spawn(
  "wrangler",
  [
    ...["dev", "-c", "wrangler.jsonc", "-c", enrichmentConfig],
    ...Object.entries(DEV_SERVER_VARS).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ...(previousKey ? ["--var", `INTEGRATION_SECRETS_PREVIOUS_KEY:${previousKey.trim()}`] : []),
    ...wranglerArgs,
  ],
  { stdio: "inherit" },
);
wrangler.on("exit", async (code) => {
  await ui.close();
  process.exit(code ?? 0);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => wrangler.kill(signal));

/** The value of `--name value` or `--name=value` among `args`. */
function optionOf(args, name) {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at === -1) return undefined;
  return args[at].includes("=") ? args[at].slice(name.length + 1) : args[at + 1];
}

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
