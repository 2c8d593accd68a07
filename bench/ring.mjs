// npm run bench:ring — POST /api/calls/inbound under load (90 % known numbers, 10 % new), beside
// a baseline Worker doing one prepared indexed SELECT on a copy of the same data.
import { cpSync, rmSync } from "node:fs";
import { freshDatabase, ms, percentile, ratio, sqlite, startWorker } from "./lib.mjs";
import { seedOrganization } from "./seed.mjs";

const DIR = ".wrangler/bench-ring";
const BASELINE_DIR = ".wrangler/bench-ring-baseline";
const CONTACTS = Number(process.env.BENCH_RING_CONTACTS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_RING_REQUESTS ?? 3_000);
const CLIENTS = Number(process.env.BENCH_RING_CLIENTS ?? 8);
const ROUNDS = 3;
const ORG = "0b0b0b0b-0000-4000-8000-0000000000c1";
const KEY = "cik_bench_ring";

freshDatabase(DIR);
seedOrganization(DIR, { id: ORG, key: KEY, count: CONTACTS });
rmSync(BASELINE_DIR, { recursive: true, force: true });
cpSync(DIR, BASELINE_DIR, { recursive: true });
const known = sqlite(DIR, `SELECT phone_number FROM contact_phone WHERE organization_id = '${ORG}'`).map((r) => r.phone_number);
console.log(`seeded ${known.length} contacts; ${REQUESTS} requests per round from ${CLIENTS} concurrent clients, ${ROUNDS} rounds each`);

const api = await startWorker({ dir: DIR, port: 8792 });
const baseline = await startWorker({ dir: BASELINE_DIR, port: 8793, configs: ["bench/baseline/wrangler.jsonc"], vars: { BENCH_ORGANIZATION_ID: ORG } });

let fresh = 0;
/** 90 % a known caller, 10 % a number never seen (a stub to create). */
function nextCaller(i) {
  return i % 10 === 9 ? `+1666${String(1_000_000 + fresh++).slice(-7)}` : known[(i * 7919) % known.length];
}

async function load(url, path, headers) {
  const times = [];
  let next = 0;
  const started = performance.now();
  async function client() {
    while (next < REQUESTS) {
      const i = next++;
      const body = JSON.stringify({ from: nextCaller(i), to: "+15557654321", provider: "bench", provider_call_id: `bench-${crypto.randomUUID()}` });
      const t = performance.now();
      const res = await fetch(url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`${path}: ${res.status}`);
      times.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  return { times, seconds };
}

function summarize(runs) {
  const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return { rps: times.length / seconds, p50: percentile(times, 50), p99: percentile(times, 99) };
}

try {
  await load(baseline.url, "/", {}); // warm-up, untimed
  await load(api.url, "/api/calls/inbound", { "x-api-key": KEY });
  const runs = { baseline: [], write: [], ring: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.baseline.push(await load(baseline.url, "/", {}));
    runs.write.push(await load(baseline.url, "/write", {}));
    runs.ring.push(await load(api.url, "/api/calls/inbound", { "x-api-key": KEY }));
  }
  const b = summarize(runs.baseline);
  const w = summarize(runs.write);
  const r = summarize(runs.ring);
  console.log(`\n${"".padEnd(44)} requests/s   p50 ms   p99 ms`);
  console.log(`${"baseline: one indexed SELECT".padEnd(44)} ${b.rps.toFixed(0).padStart(10)}  ${ms(b.p50)}  ${ms(b.p99)}`);
  console.log(`${"POST /api/calls/inbound (API key)".padEnd(44)} ${r.rps.toFixed(0).padStart(10)}  ${ms(r.p50)}  ${ms(r.p99)}`);
  console.log(`${"for scale: SELECT + INSERT of the call, a batch".padEnd(44)} ${w.rps.toFixed(0).padStart(10)}  ${ms(w.p50)}  ${ms(w.p99)}`);
  console.log(`${"ratio (ring / baseline)".padEnd(44)} ${ratio(r.rps / b.rps).padStart(10)}  ${ratio(r.p50 / b.p50).padStart(7)}  ${ratio(r.p99 / b.p99).padStart(7)}`);
  console.log(`${"ratio (ring / SELECT + INSERT)".padEnd(44)} ${ratio(r.rps / w.rps).padStart(10)}  ${ratio(r.p50 / w.p50).padStart(7)}  ${ratio(r.p99 / w.p99).padStart(7)}`);
  console.log("\ngoal: throughput >= 0.80x the baseline's, p99 <= 1.25x");
  const [{ calls, contacts }] = sqlite(DIR, `SELECT (SELECT count(*) FROM call) AS calls, (SELECT count(*) FROM contact) AS contacts`);
  console.log(`after the run: ${calls} calls recorded, ${contacts} contacts (${contacts - CONTACTS} stubs created)`);
} finally {
  api.stop();
  baseline.stop();
}
