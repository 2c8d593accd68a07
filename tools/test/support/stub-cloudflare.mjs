// Stands in for `wrangler` (and `vite`) in tools/test/deploy.test.ts: `node stub-cloudflare.mjs
// <tool> <args…>`. It writes each call down (STUB_LOG, one JSON line: the tool's argv, and for a
// deploy or a migration what the config it was given says) and answers from a pretend Cloudflare
// account kept in a JSON file (STUB_ACCOUNT: logged in or not, databases, queues, Workers and their
// secrets), changing it as the real account would change.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { readJsonc } from "../../local-worker.mjs";

const [tool, ...args] = process.argv.slice(2);
const account = JSON.parse(readFileSync(process.env.STUB_ACCOUNT, "utf8"));
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const config = option("-c") ? readJsonc(option("-c")) : undefined;

const call = { argv: [tool, ...args] };
if (config && !args.includes("--dry-run") && (args[0] === "deploy" || args[1] === "migrations")) {
  call.config = {
    name: config.name,
    database_ids: (config.d1_databases ?? []).map((db) => db.database_id),
    BETTER_AUTH_URL: config.vars?.BETTER_AUTH_URL,
  };
}
const secretsFile = option("--secrets-file");
if (secretsFile) call.secrets = JSON.parse(readFileSync(secretsFile, "utf8"));
appendFileSync(process.env.STUB_LOG, `${JSON.stringify(call)}\n`);

function answer(status, stdout = "", stderr = "") {
  writeFileSync(process.env.STUB_ACCOUNT, JSON.stringify(account));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exit(status);
}

if (tool === "vite") answer(0);
switch (`${args[0]} ${args[1]}`) {
  case "whoami --json":
    answer(account.loggedIn ? 0 : 1, JSON.stringify({ loggedIn: account.loggedIn }));
    break;
  case "d1 list":
    answer(0, JSON.stringify(account.databases));
    break;
  case "d1 create":
    account.databases.push({ uuid: "d1d1d1d1-0000-4000-8000-000000000001", name: args[2] });
    answer(0, `Successfully created DB '${args[2]}'\n`);
    break;
  case "queues info":
    if (account.queues.includes(args[2])) answer(0, `Queue Name: ${args[2]}\n`);
    answer(1, "", "✘ [ERROR] Queue not found\n");
    break;
  case "queues create":
    account.queues.push(args[2]);
    answer(0, `Created queue ${args[2]}.\n`);
    break;
  case "secret list": {
    const secrets = account.workers[config.name];
    if (!secrets) answer(1, "", "✘ [ERROR] This Worker does not exist on your account. [code: 10007]\n");
    answer(0, JSON.stringify(secrets.map((name) => ({ name, type: "secret_text" }))));
    break;
  }
  case "d1 migrations":
    answer(0, "✅ No migrations to apply!\n");
    break;
  default:
    if (args[0] !== "deploy") answer(2, "", `the stub does not know: wrangler ${args.join(" ")}\n`);
    if (args.includes("--dry-run")) answer(0, "--dry-run: exiting now.\n");
    account.workers[config.name] = [
      ...new Set([...(account.workers[config.name] ?? []), ...Object.keys(call.secrets ?? {})]),
    ];
    answer(
      0,
      `Uploaded ${config.name}\nDeployed ${config.name} triggers\n  https://${config.name}.acme-test.workers.dev\n`,
    );
}
