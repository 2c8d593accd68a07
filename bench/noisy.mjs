// npm run bench:noisy — one organization's ring while another floods the API with short searches
// that match nothing (issue 12: eight such loops took another organization's ring from p50 9 ms
// to 567 ms). The quiet organization rings one call at a time, alone and then under the noise,
// in alternating slices so that the machine's own noise falls on both alike.
//
// Two copies of the API, each on its own copy of the seeded data (D1 in RAM, as in bench:ring):
// - the rate limits as configured in wrangler.jsonc: the noisy key has its 1,200 requests a minute;
// - for scale, the noisy key unlimited: what the bounded short search alone leaves of the noise.
// In both, the ring's budget is raised out of reach: the quiet organization's one-at-a-time rings
// would pass its 3,000 a minute, and its own budget is not what is measured here. A last condition,
// the same loops of GET /healthz, is the floor this local runtime sets (see HEALTH below).
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { freshDatabase, isolatedConfigs, ms, percentile, raiseRateLimits, ratio, sqlite, startWorker } from "./lib.mjs";
import { seedOrganization } from "./seed.mjs";

const RAM = existsSync("/dev/shm") ? mkdtempSync("/dev/shm/bench-noisy-") : ".wrangler";
if (RAM !== ".wrangler") process.on("exit", () => rmSync(RAM, { recursive: true, force: true }));
const DIR = `${RAM}/bench-noisy`;
const NOISY_CONTACTS = Number(process.env.BENCH_NOISY_CONTACTS ?? 100_000);
const QUIET_CONTACTS = Number(process.env.BENCH_QUIET_CONTACTS ?? 10_000);
const LOOPS = Number(process.env.BENCH_NOISY_LOOPS ?? 8);
const SLICES = Number(process.env.BENCH_NOISY_SLICES ?? 8);
const RINGS = Number(process.env.BENCH_NOISY_RINGS ?? 100); // per slice and condition
const QUIET = { id: "0b0b0b0b-0000-4000-8000-0000000000a1", key: "cik_bench_quiet" };
const NOISY = { id: "0b0b0b0b-0000-4000-8000-0000000000b1", key: "cik_bench_noisy" };
/** Two characters that no seeded contact holds: the search examines as many contacts as it may. */
const NOISE_QUERY = "zx";

const t = performance.now();
freshDatabase(DIR);
seedOrganization(DIR, { ...QUIET, count: QUIET_CONTACTS });
seedOrganization(DIR, { ...NOISY, count: NOISY_CONTACTS, phonePrefix: "1666" });
console.log(
  `seeded ${QUIET_CONTACTS} contacts (the quiet organization) and ${NOISY_CONTACTS} (the noisy one) in ` +
    `${((performance.now() - t) / 1000).toFixed(1)} s; ${SLICES} slices of ${RINGS} rings per condition, ` +
    `noise from ${LOOPS} concurrent loops of GET /api/contacts?q=${NOISE_QUERY}`,
);

const devVars = {
  BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
  INTEGRATION_SECRETS_KEY: "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=",
};
/** The API without the static-assets binding (see bench:ring), on its own copy of the data. */
async function startApi(name, port, raised) {
  const dir = `${RAM}/bench-noisy-${name}`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIR, dir, { recursive: true });
  const patch = (json) => {
    delete json.assets;
    raiseRateLimits(json, raised);
  };
  return startWorker({ dir, port, configs: isolatedConfigs(dir, ["wrangler.jsonc"], devVars, patch) });
}
const configured = await startApi("configured", 8801, ["RING_RATE_LIMIT"]);
const unlimited = await startApi("unlimited", 8802, ["RING_RATE_LIMIT", "API_RATE_LIMIT"]);

const known = sqlite(DIR, `SELECT phone_number FROM contact_phone WHERE organization_id = '${QUIET.id}'`).map(
  (r) => r.phone_number,
);
let fresh = 0;
/** One ring of the quiet organization: a known caller, or a new number (a stub to create) every tenth time. */
async function ring(url) {
  const i = fresh++;
  const from = i % 10 === 9 ? `+1777${String(1_000_000 + i).slice(-7)}` : known[(i * 7919) % known.length];
  const started = performance.now();
  const res = await fetch(`${url}/api/calls/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": QUIET.key },
    body: JSON.stringify({ from, provider: "bench", provider_call_id: `bench-${crypto.randomUUID()}` }),
  });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`ring: ${res.status}`);
  return performance.now() - started;
}

/** The noise's answers, per copy of the API: 200 or 429, nothing else. */
const noiseAnswers = new Map();
/** LOOPS loops of the noisy organization's request (`path`), until `stop()`. */
function startNoise(url, path) {
  let running = true;
  const counted = `${url}${path}`;
  if (!noiseAnswers.has(counted)) noiseAnswers.set(counted, { 200: 0, 429: 0 });
  const answers = noiseAnswers.get(counted);
  const loop = async () => {
    while (running) {
      const res = await fetch(`${url}${path}`, { headers: { "x-api-key": NOISY.key } });
      await res.arrayBuffer();
      if (!(res.status in answers)) throw new Error(`noise: ${res.status}`);
      answers[res.status]++;
    }
  };
  const loops = Promise.all(Array.from({ length: LOOPS }, loop));
  return async () => {
    running = false;
    await loops;
  };
}

async function rings(url, { noise }) {
  const stop = noise ? startNoise(url, noise) : null;
  const times = [];
  try {
    for (let i = 0; i < RINGS; i++) times.push(await ring(url));
  } finally {
    await stop?.();
  }
  return times;
}

const SEARCH = `/api/contacts?q=${NOISE_QUERY}`;
/**
 * The floor: the same loops of the cheapest request the Worker answers. Locally one isolate on one
 * thread serves every organization, on the cores the load comes from, so any closed-loop noise
 * queues the quiet ring behind it; in production the noise is spread over isolates and machines,
 * and D1, which the short search's bound protects, is what the organizations share.
 */
const HEALTH = "/healthz";
const conditions = {
  alone: { label: "quiet organization's ring, alone", url: configured.url },
  noisy: { label: "  under the noise (limits as configured)", url: configured.url, noise: SEARCH },
  floor: { label: "  for scale: under loops of GET /healthz (the floor)", url: configured.url, noise: HEALTH },
  aloneUnlimited: { label: "for scale: the copy with the noisy key unlimited, alone", url: unlimited.url },
  noisyUnlimited: { label: "  under the noise (noisy key unlimited)", url: unlimited.url, noise: SEARCH },
};

try {
  const names = Object.keys(conditions);
  for (const name of names) await rings(conditions[name].url, conditions[name]); // warm-up, untimed
  noiseAnswers.clear();
  const times = Object.fromEntries(names.map((name) => [name, []]));
  const seconds = Object.fromEntries(names.map((name) => [name, 0]));
  for (let slice = 0; slice < SLICES; slice++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(slice + k) % names.length];
      const started = performance.now();
      times[name].push(...(await rings(conditions[name].url, conditions[name])));
      seconds[name] += (performance.now() - started) / 1000;
    }
  }
  const s = Object.fromEntries(
    names.map((name) => {
      const sorted = times[name].sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) }];
    }),
  );
  const row = (label, cells) => console.log(`${label.padEnd(56)} ${cells.map((c) => c.padStart(9)).join(" ")}`);
  console.log();
  row("", ["p50 ms", "p99 ms", "max ms"]);
  const figures = (name) => row(conditions[name].label, [ms(s[name].p50), ms(s[name].p99), ms(s[name].max)]);
  const ratios = (label, a, b) => row(label, [ratio(a.p50 / b.p50), ratio(a.p99 / b.p99), ratio(a.max / b.max)]);
  figures("alone");
  figures("noisy");
  ratios("  ratio (under the noise / alone)", s.noisy, s.alone);
  figures("floor");
  ratios("  ratio (under GET /healthz loops / alone)", s.floor, s.alone);
  figures("aloneUnlimited");
  figures("noisyUnlimited");
  ratios("  ratio (under the noise / alone)", s.noisyUnlimited, s.aloneUnlimited);
  for (const name of ["noisy", "floor", "noisyUnlimited"]) {
    const { url, noise, label } = conditions[name];
    const a = noiseAnswers.get(`${url}${noise}`);
    console.log(
      `noise of "${label.trim()}": ${a[200]} answered, ${a[429]} refused (429), ` +
        `about ${((a[200] + a[429]) / seconds[name]).toFixed(0)} requests/s while it ran`,
    );
  }
  console.log(
    "goal: the quiet organization's ring p99 under the noise at most 2x its p99 alone (limits as configured)",
  );
} finally {
  await Promise.all([configured.stop(), unlimited.stop()]);
}
