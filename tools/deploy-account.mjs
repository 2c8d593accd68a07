// What `npm run deploy` (tools/deploy.mjs) asks of the Cloudflare account, through wrangler: each
// question answered from what is there, each resource created only when it is not.
import { execFileSync, spawnSync } from "node:child_process";

/** The committed configs' database_id: the local D1's. The account's is looked up by name. */
const PLACEHOLDER_ID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

/** wrangler for an answer: its output, and its status rather than an exception. */
const ask = (args) => spawnSync("wrangler", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

export function isLoggedIn() {
  return ask(["whoami", "--json"]).status === 0;
}

/** The names of the secrets the Worker of `config` has; null when the Worker does not exist yet. */
export function accountSecrets(config) {
  const run = ask(["secret", "list", "-c", config, "--format", "json"]);
  if (run.status === 0) return JSON.parse(run.stdout).map((secret) => secret.name);
  // Cloudflare's "Worker not found" (code 10007): a first deploy.
  if (/10007|does not exist|not found/i.test(`${run.stdout}${run.stderr}`)) return null;
  fail(`wrangler secret list -c ${config} failed:\n${run.stderr}`);
}

function listDatabases() {
  const run = ask(["d1", "list", "--json"]);
  if (run.status !== 0) fail(`wrangler d1 list failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * The id in the account of a config's D1 database (`d1_databases[]` entry): by name while the config
 * holds the placeholder, created when missing; a real id in the config must be the account's.
 */
export function ensureDatabase({ database_name: name, database_id: configuredId }) {
  const byName = PLACEHOLDER_ID.test(configuredId);
  const found = listDatabases().find((db) => (byName ? db.name === name : db.uuid === configuredId));
  if (found) {
    console.log(`D1 database ${name}: there (${found.uuid})`);
    return found.uuid;
  }
  if (!byName) fail(`database_id ${configuredId} (${name}) in the wrangler configs is not a database of this account`);
  console.log(`D1 database ${name}: creating it`);
  execFileSync("wrangler", ["d1", "create", name], { stdio: "inherit" });
  const created = listDatabases().find((db) => db.name === name);
  if (!created) fail(`wrangler d1 create ${name} ran, but d1 list does not show it`);
  return created.uuid;
}

/** A queue by name, created when missing (`queues list` prints a table; `queues info` answers by status). */
export function ensureQueue(name) {
  if (ask(["queues", "info", name]).status === 0) {
    console.log(`queue ${name}: there`);
    return;
  }
  console.log(`queue ${name}: creating it`);
  execFileSync("wrangler", ["queues", "create", name], { stdio: "inherit" });
}
