// The service under `wrangler dev` on a state directory of its own: used by the benchmarks
// (bench/lib.mjs) and the browser tests (e2e/global-setup.ts).
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import JSON5 from "json5";

const WRANGLER = "node_modules/.bin/wrangler";

/**
 * A JSONC file (the wrangler configs) as a value: comments anywhere and trailing commas are
 * allowed. JSON5, a superset of JSONC, reads it with a kept parser rather than a regular expression.
 */
export function readJsonc(path) {
  return JSON5.parse(readFileSync(path, "utf8"));
}

/** Runs wrangler with the project's Node (npm scripts put node_modules/.bin first on PATH). */
export function wrangler(args, options = {}) {
  return execFileSync(WRANGLER, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
    ...options,
  });
}

/** A fresh local D1 with migrations applied, under `dir`. */
export function freshDatabase(dir, config = "wrangler.jsonc", options = {}) {
  rmSync(dir, { recursive: true, force: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir, "-c", config], options);
}

export function sqlite(dir, command, config = "wrangler.jsonc") {
  const out = wrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    dir,
    "-c",
    config,
    "--json",
    "--command",
    command,
  ]);
  return JSON.parse(out).flatMap((r) => r.results ?? []);
}

/**
 * Copies of the Worker configs in `dir`, with a .dev.vars of the caller's own beside them:
 * wrangler reads .dev.vars next to each config, so a developer's own (a real OpenAI key, say)
 * is never used by a benchmark or a test. Paths in the configs stay pointed at the project;
 * `patch(json)` may change a copy further.
 */
export function isolatedConfigs(dir, configs, devVars, patch = () => {}) {
  writeFileSync(
    `${dir}/.dev.vars`,
    `${Object.entries(devVars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
  );
  return configs.map((config) => configCopy(dir, config, patch));
}

/**
 * A copy of a Worker config in `dir` (`name.jsonc` becomes `dir/name.json`), its paths still
 * pointed at the project; `patch(json)` may change it further. Answers the copy's path.
 */
export function configCopy(dir, config, patch = () => {}) {
  const json = readJsonc(config);
  delete json.$schema;
  json.main = resolve(json.main);
  for (const db of json.d1_databases ?? []) db.migrations_dir = resolve(db.migrations_dir);
  for (const key of Object.keys(json.alias ?? {})) json.alias[key] = resolve(json.alias[key]);
  if (json.assets?.directory) json.assets.directory = resolve(json.assets.directory);
  patch(json);
  const copy = `${dir}/${basename(config).replace(/\.jsonc$/, ".json")}`;
  writeFileSync(copy, JSON.stringify(json, null, 2));
  return copy;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts `wrangler dev` and resolves with its base URL once /healthz answers 200.
 * `stop()` ends wrangler and its workerd (one process group) and resolves when they are gone;
 * `processGroup` is that group's id (bench:import reads its workerd's memory from /proc).
 */
export async function startWorker({
  dir,
  port,
  configs = ["wrangler.jsonc"],
  vars = {},
  logLevel = process.env.BENCH_LOG_LEVEL ?? "error",
  timeoutMs = 60_000,
}) {
  const args = [
    "dev",
    ...configs.flatMap((c) => ["-c", c]),
    "--persist-to",
    dir,
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--log-level",
    logLevel,
  ];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(WRANGLER, args, { stdio: ["ignore", "ignore", "inherit"], detached: true });
  const exited = new Promise((r) => child.once("exit", r));
  let gone = false;
  exited.then(() => (gone = true));
  const stop = async () => {
    if (gone) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!killed) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      await exited;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, stop, processGroup: child.pid };
    } catch {}
    await sleep(250);
  }
  await stop();
  throw new Error(
    `wrangler dev on ${port} ${gone ? `exited with ${child.exitCode}` : "did not start"} (wrangler ${args.join(" ")})`,
  );
}
