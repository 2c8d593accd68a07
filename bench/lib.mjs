// Shared by the benchmarks: a local Worker under `wrangler dev` on its own state, and figures.
import { spawn, execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
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

/** Starts `wrangler dev` and resolves with its base URL once it answers. */
export async function startWorker({ dir, port, config = "wrangler.jsonc", vars = {} }) {
  const args = ["dev", "-c", config, "--persist-to", dir, "--port", String(port), "--ip", "127.0.0.1", "--log-level", "error"];
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
