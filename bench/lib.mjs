// Shared by the benchmarks: a local Worker under `wrangler dev` on its own state, and figures.
// The local-Worker helpers live in tools/local-worker.mjs, shared with the browser tests.
export { configCopy, freshDatabase, isolatedConfigs, sqlite, startWorker, wrangler } from "../tools/local-worker.mjs";

/**
 * A patch for `isolatedConfigs`: the named `ratelimits` budgets of a Worker config (all of them
 * when none are named) raised out of reach, for a bench that loads one key or organization far
 * past them on purpose. The limiter still runs on every request, so its cost stays in the figures.
 */
export function raiseRateLimits(json, names) {
  for (const budget of json.ratelimits ?? []) if (!names || names.includes(budget.name)) budget.simple.limit = 1e9;
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
