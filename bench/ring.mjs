// npm run bench:ring — POST /api/calls/inbound under load (90 % known numbers, 10 % new), beside
// a baseline Worker doing one prepared indexed SELECT on a copy of the same data.
//
// These machines are noisy for tens of seconds at a time, so the targets take turns in many short
// slices (rotating which goes first) rather than a few long rounds: each sees the same noise.
//
// Each Worker's local D1 lives in RAM (tmpfs) where the machine has one: the ring writes and the
// baseline only reads, and this VM's disk flush is no part of the ring's work (in production D1's
// durability is Cloudflare's replicated storage, not this disk). The ring on a disk-backed copy,
// as `npm run dev` keeps it, is measured beside it, for scale.
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
// The official SDK signs the Twilio row's requests, as Twilio does (a devDependency, in Node).
import twilio from "twilio";
import { freshDatabase, isolatedConfigs, ms, percentile, raiseRateLimits, ratio, sqlite, startWorker } from "./lib.mjs";
import { seedOrganization, seedTwilioIntegration } from "./seed.mjs";

const RAM = existsSync("/dev/shm") ? mkdtempSync("/dev/shm/bench-ring-") : ".wrangler";
if (RAM !== ".wrangler") process.on("exit", () => rmSync(RAM, { recursive: true, force: true }));
const DIR = `${RAM}/bench-ring`;
const CONTACTS = Number(process.env.BENCH_RING_CONTACTS ?? 10_000);
const SLICES = Number(process.env.BENCH_RING_SLICES ?? 30);
const REQUESTS = Number(process.env.BENCH_RING_REQUESTS ?? 250); // per slice and target
const CLIENTS = Number(process.env.BENCH_RING_CLIENTS ?? 8);
const ORG = "0b0b0b0b-0000-4000-8000-0000000000c1";
const KEY = "cik_bench_ring";
const SECRETS_KEY = "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=";
const TWILIO = { id: "0b0b0b0b-0000-4000-8000-0000000000f1", authToken: "bench-twilio-auth-token-0123456789" };

freshDatabase(DIR);
seedOrganization(DIR, { id: ORG, key: KEY, count: CONTACTS });
await seedTwilioIntegration(DIR, { ...TWILIO, organizationId: ORG, secretsKey: SECRETS_KEY });
/** Each Worker on its own copy of the seeded data: one SQLite file, one writer. */
function copyOfData(name, root = RAM) {
  const dir = `${root}/bench-ring-${name}`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIR, dir, { recursive: true });
  return dir;
}
const known = sqlite(DIR, `SELECT phone_number FROM contact_phone WHERE organization_id = '${ORG}'`).map(
  (r) => r.phone_number,
);
console.log(
  `seeded ${known.length} contacts; ${SLICES} slices of ${REQUESTS} requests per target ` +
    `from ${CLIENTS} concurrent clients`,
);

const devVars = {
  BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
  INTEGRATION_SECRETS_KEY: SECRETS_KEY,
};
/**
 * The API under `wrangler dev` on `dir`, without the static-assets binding unless asked (see below).
 * The one organization rings far past its 3,000 a minute: its ring budget is raised out of reach.
 */
const startApi = (dir, port, { withAssets = false } = {}) =>
  startWorker({
    dir,
    port,
    configs: isolatedConfigs(dir, ["wrangler.jsonc"], devVars, (json) => {
      if (!withAssets) delete json.assets;
      raiseRateLimits(json, ["RING_RATE_LIMIT"]);
    }),
  });
const apiDir = copyOfData("api");
const assetsDir = copyOfData("assets");
const baselineDir = copyOfData("baseline");
const diskDir = copyOfData("disk", ".wrangler");
const workers = [
  // In production, static assets are routed by Cloudflare in front of the Worker (`run_worker_first`
  // sends /api/* straight to it); `wrangler dev` emulates that router in JavaScript, on the same
  // CPU as everything else. The API is measured without it, and, for scale, with it.
  await startApi(apiDir, 8792),
  await startApi(assetsDir, 8795, { withAssets: true }),
  await startWorker({
    dir: baselineDir,
    port: 8793,
    configs: ["bench/baseline/wrangler.jsonc"],
    vars: { BENCH_ORGANIZATION_ID: ORG },
  }),
  await startApi(diskDir, 8796),
];
const [api, apiWithAssets, baseline, apiOnDisk] = workers;

/** A JSON ring as POST /api/calls/inbound takes it (the baseline Worker reads the same body). */
const jsonRing =
  (path, headers = {}) =>
  (i) => ({
    path,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      from: nextCaller(i),
      to: "+15557654321",
      provider: "bench",
      provider_call_id: `bench-${crypto.randomUUID()}`,
    }),
  });
const ring = jsonRing("/api/calls/inbound", { "x-api-key": KEY });
/** Twilio's "A call comes in" form post, signed by the official SDK for the URL it is sent to. */
const twilioRing = (url) => (i) => {
  const path = `/hooks/twilio/${TWILIO.id}`;
  const params = { CallSid: `CA${crypto.randomUUID().replaceAll("-", "")}`, From: nextCaller(i), To: "+15557654321" };
  const signature = twilio.getExpectedTwilioSignature(TWILIO.authToken, url + path, params);
  const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature };
  return { path, headers, body: new URLSearchParams(params).toString() };
};
const targets = {
  baseline: { label: "baseline: one indexed SELECT", url: baseline.url, request: jsonRing("/") },
  ring: { label: "POST /api/calls/inbound (API key)", url: api.url, request: ring },
  twilio: { label: "Twilio webhook (signed form, TwiML)", url: api.url, request: twilioRing(api.url) },
  write: { label: "for scale: SELECT + INSERT of the call", url: baseline.url, request: jsonRing("/write") },
  ringWithAssets: { label: "for scale: ring behind the local assets router", url: apiWithAssets.url, request: ring },
  ringOnDisk: { label: "for scale: ring with its D1 on this disk", url: apiOnDisk.url, request: ring },
};

let fresh = 0;
/** 90 % a known caller, 10 % a number never seen (a stub to create). */
function nextCaller(i) {
  return i % 10 === 9 ? `+1666${String(1_000_000 + fresh++).slice(-7)}` : known[(i * 7919) % known.length];
}

async function load({ url, request }, offset) {
  const times = [];
  let next = 0;
  const started = performance.now();
  async function client() {
    while (next < REQUESTS) {
      const { path, headers, body } = request(offset + next++);
      const t = performance.now();
      const res = await fetch(url + path, { method: "POST", headers, body });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`${path}: ${res.status}`);
      times.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { times, seconds: (performance.now() - started) / 1000 };
}

function summarize(runs) {
  const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return { rps: times.length / seconds, p50: percentile(times, 50), p99: percentile(times, 99) };
}

try {
  const names = Object.keys(targets);
  for (const name of names) await load(targets[name], 0); // warm-up, untimed
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let slice = 0; slice < SLICES; slice++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(slice + k) % names.length];
      runs[name].push(await load(targets[name], slice * REQUESTS));
    }
  }
  const s = Object.fromEntries(names.map((name) => [name, summarize(runs[name])]));
  const row = (label, cells) => console.log(`${label.padEnd(48)} ${cells.map((c) => c.padStart(10)).join(" ")}`);
  console.log();
  row("", ["requests/s", "p50 ms", "p99 ms"]);
  for (const name of names) row(targets[name].label, [s[name].rps.toFixed(0), ms(s[name].p50), ms(s[name].p99)]);
  const ratios = (label, a, b) => row(label, [ratio(a.rps / b.rps), ratio(a.p50 / b.p50), ratio(a.p99 / b.p99)]);
  ratios("ratio (ring / baseline)", s.ring, s.baseline);
  // Each slice's ring and baseline ran within seconds of each other, under the same noise: their
  // ratio, slice by slice, is a paired estimate, and its median shrugs off the slices a burst of
  // noise hit unevenly.
  const paired = runs.ring.map((r, i) => runs.baseline[i].seconds / r.seconds).sort((a, b) => a - b);
  const q = (p) => ratio(percentile(paired, p)).trim();
  row("  per slice: median (interquartile range)", [`${q(50)} (${q(25)}–${q(75)})`]);
  ratios("ratio (Twilio webhook / API-key ring)", s.twilio, s.ring);
  ratios("ratio (ring / SELECT + INSERT)", s.ring, s.write);
  ratios("ratio (ring behind assets router / baseline)", s.ringWithAssets, s.baseline);
  ratios("ratio (ring with its D1 on disk / baseline)", s.ringOnDisk, s.baseline);
  console.log("\ngoal: ring throughput >= 0.80x the baseline's, p99 <= 1.25x;");
  console.log("      Twilio webhook throughput >= 0.85x the API-key ring's, p99 <= 1.25x");
  const [{ calls, contacts }] = sqlite(
    apiDir,
    `SELECT (SELECT count(*) FROM call) AS calls, (SELECT count(*) FROM contact) AS contacts`,
  );
  console.log(
    `after the run, the API's data: ${calls} calls recorded, ` +
      `${contacts} contacts (${contacts - CONTACTS} stubs created)`,
  );
} finally {
  await Promise.all(workers.map((w) => w.stop()));
}
