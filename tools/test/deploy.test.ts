import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";

/*
 * `npm run deploy` (tools/deploy.mjs) against a stubbed `wrangler` (and `vite`) first on PATH: which
 * commands it runs for a fresh account, for one where everything exists, and a second time; what
 * it refuses to start with. (Found: deploying was five commands for the API Worker alone; nothing
 * created the queues, deployed the enrichment Worker, set its secret, or checked that a deploy would
 * work before one was tried.)
 */

const DEPLOY = resolve("tools/deploy.mjs");
const STUB = resolve("tools/test/support/stub-cloudflare.mjs");
const DB_ID = "d1d1d1d1-0000-4000-8000-000000000001";
const API_URL = "https://caller-identity-api.acme-test.workers.dev";
const ALL_SECRETS = {
  BETTER_AUTH_SECRET: "better-auth-secret-from-the-environment",
  INTEGRATION_SECRETS_KEY: "aW50ZWdyYXRpb24tc2VjcmV0cy1rZXktMzItYnl0ZXM=",
  OPENAI_API_KEY: "sk-from-the-environment",
};

interface Account {
  loggedIn: boolean;
  databases: { uuid: string; name: string }[];
  queues: string[];
  workers: Record<string, string[]>;
}
interface Call {
  argv: string[];
  config?: { name: string; database_ids: string[]; BETTER_AUTH_URL?: string };
  secrets?: Record<string, string>;
}

const FRESH: Account = { loggedIn: true, databases: [], queues: [], workers: {} };
const EVERYTHING_THERE: Account = {
  loggedIn: true,
  databases: [{ uuid: DB_ID, name: "caller-identity" }],
  queues: ["caller-identity-enrichment", "caller-identity-enrichment-dlq"],
  workers: {
    "caller-identity-api": ["BETTER_AUTH_SECRET", "INTEGRATION_SECRETS_KEY"],
    "caller-identity-enrichment": ["OPENAI_API_KEY"],
  },
};

/**
 * A project folder holding the wrangler configs as committed (patched by `patchConfig`), and a
 * pretend account; `deploy(args, env)` runs `npm run deploy -- <args>` there, with the stubs on PATH.
 */
function setUp(account: Account, patchConfig = (text: string) => text) {
  const dir = mkdtempSync(join(tmpdir(), "deploy-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(dir, "bin");
  const project = join(dir, "project");
  mkdirSync(bin);
  mkdirSync(project);
  for (const tool of ["wrangler", "vite"]) {
    writeFileSync(join(bin, tool), `#!/bin/sh\nexec node ${STUB} ${tool} "$@"\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  copyFileSync("wrangler.enrichment.jsonc", join(project, "wrangler.enrichment.jsonc"));
  writeFileSync(join(project, "wrangler.jsonc"), patchConfig(readFileSync("wrangler.jsonc", "utf8")));
  const accountFile = join(dir, "account.json");
  writeFileSync(accountFile, JSON.stringify(account));
  const log = join(dir, "calls.jsonl");

  function deploy(args: string[] = [], env: Record<string, string> = {}) {
    writeFileSync(log, "");
    const run = spawnSync("node", [DEPLOY, ...args], {
      cwd: project,
      encoding: "utf8",
      env: {
        PATH: `${bin}:${resolve("node_modules/.bin")}:${process.env.PATH}`,
        STUB_ACCOUNT: accountFile,
        STUB_LOG: log,
        ...env,
      },
    });
    const calls: Call[] = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    return { ...run, calls, commands: calls.map((c) => c.argv.join(" ")) };
  }
  return { deploy, project, account: () => JSON.parse(readFileSync(accountFile, "utf8")) as Account };
}

const BUILD = [
  "vite build --logLevel warn",
  "wrangler deploy --dry-run --minify -c wrangler.enrichment.jsonc --outdir dist/deploy/caller-identity-enrichment",
  "wrangler deploy --dry-run --minify -c wrangler.jsonc --outdir dist/deploy/caller-identity-api",
];
const CHECKS = [
  "wrangler whoami --json",
  "wrangler secret list -c wrangler.enrichment.jsonc --format json",
  "wrangler secret list -c wrangler.jsonc --format json",
];
const MIGRATE = "wrangler d1 migrations apply DB --remote -c .wrangler/deploy/wrangler.json";
const SECRETS = "--secrets-file .wrangler/deploy/secrets.json";
const DEPLOY_ENRICHMENT = "wrangler deploy --minify -c .wrangler/deploy/wrangler.enrichment.json";
const DEPLOY_API = "wrangler deploy --minify -c .wrangler/deploy/wrangler.json";
const deploysOf = (calls: Call[]) => calls.filter((c) => c.argv[1] === "deploy" && !c.argv.includes("--dry-run"));

describe("npm run deploy on a fresh account", () => {
  it("bundles first, checks, creates the database and both queues, migrates, deploys both Workers with their secrets", () => {
    const { deploy, account, project } = setUp(FRESH);
    const run = deploy([], ALL_SECRETS);
    expect(run.status, run.stderr).toBe(0);
    expect(run.commands).toEqual([
      ...BUILD,
      ...CHECKS,
      "wrangler d1 list --json",
      "wrangler d1 create caller-identity",
      "wrangler d1 list --json",
      "wrangler queues info caller-identity-enrichment",
      "wrangler queues create caller-identity-enrichment",
      "wrangler queues info caller-identity-enrichment-dlq",
      "wrangler queues create caller-identity-enrichment-dlq",
      MIGRATE,
      `${DEPLOY_ENRICHMENT} ${SECRETS}`,
      `${DEPLOY_API} ${SECRETS}`,
      // Its workers.dev URL is known once it is deployed: BETTER_AUTH_URL is set to it.
      DEPLOY_API,
    ]);
    const [enrichment, api, apiAgain] = deploysOf(run.calls);
    // Each Worker gets its own secrets only, from the environment; the file they went up in is gone.
    expect(enrichment!.secrets).toEqual({ OPENAI_API_KEY: ALL_SECRETS.OPENAI_API_KEY });
    expect(api!.secrets).toEqual({
      BETTER_AUTH_SECRET: ALL_SECRETS.BETTER_AUTH_SECRET,
      INTEGRATION_SECRETS_KEY: ALL_SECRETS.INTEGRATION_SECRETS_KEY,
    });
    expect(existsSync(join(project, ".wrangler/deploy/secrets.json"))).toBe(false);
    // The migration and every deploy use the database just created, not the committed placeholder.
    for (const call of [...run.calls.filter((c) => c.argv.includes("migrations")), enrichment!, api!]) {
      expect(call.config!.database_ids).toEqual([DB_ID]);
    }
    expect(apiAgain!.config!.BETTER_AUTH_URL).toBe(API_URL);
    expect(run.stdout).toContain(`The service is at ${API_URL}`);
    expect(account().workers).toEqual(EVERYTHING_THERE.workers);
  });

  it("run a second time, it creates nothing and deploys each Worker once, without secrets", () => {
    const { deploy } = setUp(FRESH);
    expect(deploy([], ALL_SECRETS).status).toBe(0);
    const again = deploy();
    expect(again.status, again.stderr).toBe(0);
    expect(again.commands).toEqual([
      ...BUILD,
      ...CHECKS,
      "wrangler d1 list --json",
      "wrangler queues info caller-identity-enrichment",
      "wrangler queues info caller-identity-enrichment-dlq",
      MIGRATE,
      DEPLOY_ENRICHMENT,
      DEPLOY_API,
    ]);
    expect(deploysOf(again.calls)[1]!.config!.BETTER_AUTH_URL).toBe(API_URL);
  });

  it("without the secrets, it stops before creating anything and says how to give them", () => {
    const { deploy, account } = setUp(FRESH);
    const run = deploy();
    expect(run.status).toBe(1);
    expect(run.commands).toEqual([...BUILD, ...CHECKS]);
    expect(run.stderr).toContain("nothing was created or deployed");
    expect(run.stderr).toContain("BETTER_AUTH_SECRET=… INTEGRATION_SECRETS_KEY=… npm run deploy");
    expect(run.stderr).toContain("OPENAI_API_KEY=… npm run deploy");
    expect(run.stderr).toContain("openssl rand -base64 32");
    expect(account()).toEqual(FRESH);
  });
});

describe("npm run deploy on an account where everything exists", () => {
  it("with --url, it creates nothing and deploys each Worker once, BETTER_AUTH_URL the given origin", () => {
    const { deploy, account } = setUp(EVERYTHING_THERE);
    const run = deploy(["--url", "https://calls.example.com"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.commands).toEqual([
      ...BUILD,
      ...CHECKS,
      "wrangler d1 list --json",
      "wrangler queues info caller-identity-enrichment",
      "wrangler queues info caller-identity-enrichment-dlq",
      MIGRATE,
      DEPLOY_ENRICHMENT,
      DEPLOY_API,
    ]);
    expect(deploysOf(run.calls)[1]!.config).toEqual({
      name: "caller-identity-api",
      database_ids: [DB_ID],
      BETTER_AUTH_URL: "https://calls.example.com",
    });
    expect(run.stdout).toContain("The service is at https://calls.example.com");
    expect(account()).toEqual(EVERYTHING_THERE);
  });

  it("a secret missing on a deployed Worker is named with the wrangler secret put that sets it", () => {
    const { deploy } = setUp({
      ...EVERYTHING_THERE,
      workers: { ...EVERYTHING_THERE.workers, "caller-identity-enrichment": [] },
    });
    const run = deploy();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("npx wrangler secret put OPENAI_API_KEY -c wrangler.enrichment.jsonc");
    expect(run.commands).not.toContain(DEPLOY_API);
  });
});

describe("what npm run deploy refuses", () => {
  it("not logged in: it says how to log in, after the bundles and before anything else", () => {
    const { deploy } = setUp({ ...FRESH, loggedIn: false });
    const run = deploy([], ALL_SECRETS);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("npx wrangler login");
    expect(run.commands).toEqual([...BUILD, "wrangler whoami --json"]);
  });

  it("a config that sets TRUST_LOCALHOST_ORIGINS (the dev server's own) is refused before anything runs", () => {
    const { deploy } = setUp(EVERYTHING_THERE, (text) =>
      text.replace('"CORS_ORIGINS": ""', '"CORS_ORIGINS": "", "TRUST_LOCALHOST_ORIGINS": "true"'),
    );
    const run = deploy();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("wrangler.jsonc sets TRUST_LOCALHOST_ORIGINS");
    expect(run.commands).toEqual([]);
  });
});

describe("npm run deploy -- --dry-run (.ci/run)", () => {
  it("builds the UI and bundles both Workers, and asks the account nothing", () => {
    const { deploy } = setUp({ ...FRESH, loggedIn: false });
    const run = deploy(["--dry-run"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.commands).toEqual(BUILD);
    expect(run.stdout).toContain("nothing was deployed");
  });
});
