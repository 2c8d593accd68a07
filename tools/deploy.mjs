// npm run deploy: the service on Cloudflare, from an account (`npx wrangler login`, or
// CLOUDFLARE_API_TOKEN) to the URL, in one command that can be run again and changes nothing that is
// already there. In order:
//   1. builds the web UI and bundles both Workers (`wrangler deploy --dry-run`): a deploy that cannot
//      work stops here, before anything changes. `npm run deploy -- --dry-run` stops here too, and
//      needs no account (.ci/run runs it);
//   2. checks the account: logged in, every secret each Worker requires set (or given in this
//      command's environment, uploaded with the deploy); a missing one stops here, naming the command
//      that sets it;
//   3. creates what is missing: the D1 database and the queues (enrichment and its dead-letter queue);
//   4. applies the D1 migrations, then deploys the enrichment Worker, then the API Worker;
//   5. prints the URL. BETTER_AUTH_URL, the one origin production trusts, is set to it (`--url <origin>`
//      for a custom domain; else the workers.dev URL, learned on the first deploy and kept in
//      .wrangler/deploy).
// The wrangler configs stay as committed: the database's id in the account goes into copies of them
// in .wrangler/deploy, so the placeholder id (and the local D1 it names) stays put.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { accountSecrets, ensureDatabase, ensureQueue, isLoggedIn } from "./deploy-account.mjs";
import { configCopy, readJsonc } from "./local-worker.mjs";

const STATE_DIR = ".wrangler/deploy";
const URL_FILE = `${STATE_DIR}/url`;
/** Secrets the service makes from random bytes: `openssl rand -base64 32`. */
const RANDOM_SECRETS = ["BETTER_AUTH_SECRET", "INTEGRATION_SECRETS_KEY"];
/** Deployed in this order: the queue's consumer before its producer. */
const WORKERS = [
  { label: "the enrichment Worker", config: "wrangler.enrichment.jsonc" },
  { label: "the API Worker", config: "wrangler.jsonc", isApi: true },
].map((w) => ({ ...w, json: readJsonc(w.config) }));

const { values: options } = parseArgs({ options: { "dry-run": { type: "boolean" }, url: { type: "string" } } });
const step = (what) => console.log(`\n› ${what}`);
const wrangler = (args) => execFileSync("wrangler", args, { stdio: "inherit" });
const fail = (message) => {
  console.error(`\n${message}`);
  process.exit(1);
};

// Never deployed: the dev server's own (src/lib/origin.ts).
for (const w of WORKERS) {
  if (w.json.vars?.TRUST_LOCALHOST_ORIGINS !== undefined)
    fail(`${w.config} sets TRUST_LOCALHOST_ORIGINS: only npm run dev may (--var); remove it from the config`);
}
const publicUrl = options.url ?? (existsSync(URL_FILE) ? readFileSync(URL_FILE, "utf8").trim() : undefined);
if (options.url !== undefined && new URL(options.url).origin !== options.url)
  fail(`--url must be an origin, such as https://calls.example.com (not ${options.url})`);

step("building the web UI and bundling both Workers");
execFileSync("vite", ["build", "--logLevel", "warn"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const w of WORKERS)
  wrangler(["deploy", "--dry-run", "--minify", "-c", w.config, "--outdir", `dist/deploy/${w.json.name}`]);
if (options["dry-run"]) {
  console.log("\nboth Workers bundle (--dry-run: nothing was deployed)");
  process.exit(0);
}

step("checking the account and the secrets");
if (!isLoggedIn()) fail("not logged in to Cloudflare: npx wrangler login (or set CLOUDFLARE_API_TOKEN)");
const uploads = new Map(); // config → secrets given in this command's environment
const missing = [];
for (const w of WORKERS) {
  const set = accountSecrets(w.config);
  const absent = (w.json.secrets?.required ?? []).filter((name) => !set?.includes(name));
  const given = absent.filter((name) => process.env[name]);
  if (given.length > 0) uploads.set(w.config, Object.fromEntries(given.map((name) => [name, process.env[name]])));
  const unset = absent.filter((name) => !process.env[name]);
  if (unset.length > 0) missing.push(howToSet(w, unset, set !== null));
}
if (missing.length > 0) {
  fail(
    `Secrets are missing; nothing was created or deployed.\n${missing.join("\n")}\n` +
      `${RANDOM_SECRETS.join(" and ")} are random: openssl rand -base64 32 (keep INTEGRATION_SECRETS_KEY's ` +
      "value somewhere safe: rotating it needs it, and Cloudflare never shows a secret back).",
  );
}

step("creating what is missing: the D1 database, the queues");
// Both Workers bind the same database: one lookup per name.
const databases = new Map(WORKERS.flatMap((w) => w.json.d1_databases ?? []).map((db) => [db.database_name, db]));
const databaseIds = new Map([...databases].map(([name, db]) => [name, ensureDatabase(db)]));
const queues = new Set(
  WORKERS.flatMap(({ json: { queues: q } }) => [
    ...(q?.producers ?? []).map((p) => p.queue),
    ...(q?.consumers ?? []).flatMap((c) => [c.queue, ...(c.dead_letter_queue ? [c.dead_letter_queue] : [])]),
  ]),
);
for (const queue of queues) ensureQueue(queue);

mkdirSync(STATE_DIR, { recursive: true });
const deployConfig = (w, url) =>
  configCopy(STATE_DIR, w.config, (json) => {
    for (const db of json.d1_databases ?? []) db.database_id = databaseIds.get(db.database_name);
    if (w.isApi && url) json.vars = { ...json.vars, BETTER_AUTH_URL: url };
  });

step("applying the D1 migrations");
const api = WORKERS.find((w) => w.isApi);
wrangler(["d1", "migrations", "apply", api.json.d1_databases[0].binding, "--remote", "-c", deployConfig(api)]);

let deployedUrl;
for (const w of WORKERS) {
  step(`deploying ${w.label} (${w.json.name})`);
  const out = deploy(deployConfig(w, publicUrl), uploads.get(w.config));
  if (w.isApi) deployedUrl = options.url ?? /https:\/\/\S+\.workers\.dev/.exec(out)?.[0];
}
if (!deployedUrl) fail("deployed, but wrangler printed no workers.dev URL: run again with --url <the API's origin>");
if (deployedUrl !== publicUrl) {
  step(`deploying the API Worker again, with BETTER_AUTH_URL=${deployedUrl} (its URL, learned just now)`);
  deploy(deployConfig(api, deployedUrl));
}
writeFileSync(URL_FILE, `${deployedUrl}\n`);
console.log(`\nThe service is at ${deployedUrl} (the API reference: ${deployedUrl}/api/docs)`);

/** `wrangler deploy`, printing what it prints; secrets from this command's environment go up with it. */
function deploy(config, secrets) {
  const secretsFile = `${STATE_DIR}/secrets.json`;
  if (secrets) writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  try {
    // Minified, as `npm run build` measures the bundles against their goals.
    const args = ["deploy", "--minify", "-c", config, ...(secrets ? ["--secrets-file", secretsFile] : [])];
    const run = spawnSync("wrangler", args, { encoding: "utf8", stdio: ["inherit", "pipe", "inherit"] });
    process.stdout.write(run.stdout ?? "");
    if (run.status !== 0) fail(`wrangler ${args.join(" ")} failed`);
    return run.stdout;
  } finally {
    rmSync(secretsFile, { force: true });
  }
}

/** What to tell about a Worker's missing secrets: `wrangler secret put` once it exists, the environment before. */
function howToSet(w, names, exists) {
  const viaEnvironment = `${names.map((name) => `${name}=…`).join(" ")} npm run deploy`;
  if (!exists)
    return `  ${w.label} (${w.json.name}) is not deployed yet; give ${names.join(", ")} to this command: ${viaEnvironment}`;
  const puts = names.map((name) => `npx wrangler secret put ${name} -c ${w.config}`).join("\n    ");
  return `  ${w.label} (${w.json.name}) lacks ${names.join(", ")}:\n    ${puts}\n    (or ${viaEnvironment})`;
}
