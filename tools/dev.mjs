// npm run dev: the whole service locally. Local D1 migrated, the API Worker (served on :8787)
// and the enrichment Worker in one wrangler session (they share the local D1 and Queues), and the
// fake OpenAI when .dev.vars points the model there.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { startFakeOpenAI } from "./fake-openai.mjs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("created .dev.vars from .dev.vars.example");
}
execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit" });

const fakeUrl = /^OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)/m.exec(readFileSync(".dev.vars", "utf8"));
if (fakeUrl) {
  const fake = await startFakeOpenAI({ port: Number(fakeUrl[1]), delayMs: 300 });
  console.log(`fake OpenAI on ${fake.url} (set OPENAI_API_KEY and remove OPENAI_BASE_URL in .dev.vars for the real model)`);
}

const wrangler = spawn("wrangler", ["dev", "-c", "wrangler.jsonc", "-c", "wrangler.enrichment.jsonc", ...process.argv.slice(2)], { stdio: "inherit" });
wrangler.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => wrangler.kill(signal));
