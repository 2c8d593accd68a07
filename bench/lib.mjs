// Shared by the benchmarks: a local Worker under `wrangler dev` on its own state, and figures.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const WRANGLER = "node_modules/.bin/wrangler";

/** Runs wrangler with the project's Node (npm scripts put node_modules/.bin first on PATH). */
export function wrangler(args, options = {}) {
  return execFileSync(WRANGLER, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"], ...options });
}

/** A fresh local D1 with migrations applied, under `dir`. */
export function freshDatabase(dir, config = "wrangler.jsonc") {
  rmSync(dir, { recursive: true, force: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir, "-c", config]);
}

export function sqlite(dir, command, config = "wrangler.jsonc") {
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", dir, "-c", config, "--json", "--command", command]);
  return JSON.parse(out).flatMap((r) => r.results ?? []);
}

/**
 * Copies of the Worker configs in `dir`, with a .dev.vars of the benchmark's own beside them:
 * wrangler reads .dev.vars next to each config, so a developer's own (a real OpenAI key, say)
 * is never used by a benchmark.
 */
export function isolatedConfigs(dir, configs, devVars) {
  writeFileSync(`${dir}/.dev.vars`, Object.entries(devVars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
  return configs.map((config) => {
    // Our configs have whole-line comments only.
    const json = JSON.parse(readFileSync(config, "utf8").replace(/^\s*\/\/.*$/gm, ""));
    delete json.$schema;
    json.main = resolve(json.main);
    for (const db of json.d1_databases ?? []) db.migrations_dir = resolve(db.migrations_dir);
    for (const key of Object.keys(json.alias ?? {})) json.alias[key] = resolve(json.alias[key]);
    const copy = `${dir}/${basename(config).replace(/\.jsonc$/, ".json")}`;
    writeFileSync(copy, JSON.stringify(json, null, 2));
    return copy;
  });
}

/** Starts `wrangler dev` and resolves with its base URL once it answers. */
export async function startWorker({ dir, port, configs = ["wrangler.jsonc"], vars = {} }) {
  const args = ["dev", ...configs.flatMap((c) => ["-c", c]), "--persist-to", dir, "--port", String(port), "--ip", "127.0.0.1", "--log-level", process.env.BENCH_LOG_LEVEL ?? "error"];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(WRANGLER, args, { stdio: ["ignore", "ignore", "inherit"], detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(url + "/healthz");
      return { url, stop: () => process.kill(-child.pid, "SIGTERM") };
    } catch {
      await sleep(500);
    }
  }
  process.kill(-child.pid, "SIGTERM");
  throw new Error(`wrangler dev on ${port} did not start`);
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times `n` sequential calls of `fn` (after `warmup` untimed ones): p50 and p99 in ms. */
export async function timeIt(fn, { n = 300, warmup = 30 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export const ms = (x) => x.toFixed(2).padStart(7);
export const ratio = (x) => `${x.toFixed(2)}x`.padStart(6);
