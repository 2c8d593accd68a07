// npm run bench:import — "Data in and out" at scale: 100,000 rows imported through the API as CSV in
// 500-row requests into an organization that already holds 100,000 contacts (half the rows match
// one of them); the ring's latency during the import against alone; and the export of an
// organization of 200,000 contacts: seconds, and the Worker's memory while it streams.
//
// Rings go on all along at a steady rate, and the import runs in slices with a slice of rings
// alone after each, as long: "alone" and "during" are measured turn by turn, so that the machine's
// own noise falls on both alike. The rows per second count the import's own slices.
//
// Memory: local workerd runs the Worker and its D1 (SQLite) in one process, so the figure is that
// process's resident memory (VmRSS in /proc/<pid>/status), sampled every 20 ms during the export,
// against the same just before it: an upper bound on the Worker's own (SQLite's page cache grows
// with the rows read too). Production's limit is 128 MB per isolate.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import {
  configCopy,
  freshDatabase,
  isolatedConfigs,
  ms,
  percentile,
  ratio,
  sqlite,
  startWorker,
  wrangler,
} from "./lib.mjs";
import { seedOrganization } from "./seed.mjs";

const RAM = existsSync("/dev/shm") ? mkdtempSync("/dev/shm/bench-import-") : ".wrangler";
if (RAM !== ".wrangler") process.on("exit", () => rmSync(RAM, { recursive: true, force: true }));
const DIR = `${RAM}/bench-import`;
const CONTACTS = Number(process.env.BENCH_IMPORT_CONTACTS ?? 100_000);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const EXPORT_CONTACTS = Number(process.env.BENCH_EXPORT_CONTACTS ?? 200_000);
/** Rings a second, all along: 1,200 a minute, a busy organization's rate (its budget is 3,000). */
const RING_RATE = Number(process.env.BENCH_IMPORT_RING_RATE ?? 20);
/** The import goes in slices of this many requests, each after a slice of rings alone as long. */
const SLICE_REQUESTS = Number(process.env.BENCH_IMPORT_SLICE_REQUESTS ?? 10);
const IMPORT_CLIENTS = Number(process.env.BENCH_IMPORT_CLIENTS ?? 1);
/** For diagnosis: the same requests as dry runs (everything but the writes). */
const DRY_RUN = process.env.BENCH_IMPORT_DRY_RUN === "1";
const CHUNK = 500;
const ORG = "0b0b0b0b-0000-4000-8000-0000000000d1";
const KEY = "cik_bench_import";
const EXPORT_ORG = "0b0b0b0b-0000-4000-8000-0000000000d2";
const EXPORT_KEY = "cik_bench_export";

const seeding = performance.now();
freshDatabase(DIR);
seedOrganization(DIR, { id: ORG, key: KEY, count: CONTACTS });
seedOrganization(DIR, { id: EXPORT_ORG, key: EXPORT_KEY, count: EXPORT_CONTACTS, phonePrefix: "1556" });
const known = sqlite(DIR, `SELECT phone_number FROM contact_phone WHERE organization_id = '${ORG}'`).map(
  (r) => r.phone_number,
);
console.log(
  `seeded ${known.length} contacts to import into and ${EXPORT_CONTACTS} to export ` +
    `in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
);

// Every other row holds the number of a contact the organization has (it gains the row's email:
// `updated`); the others are new people (`created`). Written with the kept CSV library, as a
// spreadsheet would, with a column the import ignores.
const header = ["first_name", "last_name", "phone", "phone_label", "email", "notes"];
const rowOf = (i) =>
  i % 2 === 1
    ? ["Known", `Caller ${i}`, known[((i - 1) / 2) % known.length], "", `known.${i}@example.org`, "matches"]
    : ["New", `Person ${i}`, `+1666${String(i / 2).padStart(7, "0")}`, "Mobile", `new.${i}@example.org`, "=1+1"];
const chunks = Array.from({ length: Math.ceil(ROWS / CHUNK) }, (_, c) =>
  stringify([header, ...Array.from({ length: Math.min(CHUNK, ROWS - c * CHUNK) }, (_, i) => rowOf(c * CHUNK + i))]),
);

// The Worker bundled once, as `wrangler deploy` bundles it, and served from that bundle: `wrangler
// dev` on src/ reloads on every edit of the tree, which on a machine shared with other work would
// restart the Worker in the middle of a run.
// Bundled from a copy of the config without the static assets, which this bench does not serve
// (and a fresh checkout has not built).
const bundled = configCopy(RAM, "wrangler.jsonc", (json) => delete json.assets);
wrangler(["deploy", "--dry-run", "-c", bundled, "--outdir", `${RAM}/bundle`]);
const configs = isolatedConfigs(
  DIR,
  ["wrangler.jsonc"],
  {
    BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
    INTEGRATION_SECRETS_KEY: "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=",
  },
  (json) => {
    json.main = `${RAM}/bundle/api-worker.js`;
    delete json.alias;
    delete json.assets;
    // The production defaults (1,200 requests a minute per key, 3,000 rings a minute per
    // organization) are raised: here one client rings as fast as the Worker answers.
    for (const limit of json.ratelimits ?? []) limit.simple.limit = 1_000_000;
  },
);
const worker = await startWorker({ dir: DIR, port: 8797, configs });

let fresh = 0;
async function ring() {
  const from = fresh % 10 === 9 ? `+1777${String(1_000_000 + fresh).slice(-7)}` : known[(fresh * 7919) % known.length];
  fresh++;
  const t = performance.now();
  const res = await fetch(`${worker.url}/api/calls/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": KEY },
    body: JSON.stringify({
      from,
      to: "+15557654321",
      provider: "bench",
      provider_call_id: `bench-${crypto.randomUUID()}`,
    }),
  });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`ring: ${res.status}`);
  return performance.now() - t;
}
/**
 * Rings at a steady pace (RING_RATE a second) until `done()`, each sent when due whether or not
 * the last was answered, as calls arrive: a slow answer delays no later ring's start, so a stall
 * shows in every ring it holds up. Answers each ring's time.
 */
async function ringsAtRate(done) {
  const times = [];
  const pending = [];
  const started = performance.now();
  for (let i = 0; !done(); i++) {
    pending.push(ring().then((t) => times.push(t)));
    const due = started + ((i + 1) * 1000) / RING_RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  await Promise.all(pending);
  return times;
}
const p = (times, q) =>
  percentile(
    [...times].sort((a, b) => a - b),
    q,
  );

/**
 * The workerd processes of `wrangler dev` (its process group): one runs the Worker with its D1,
 * another wrangler's proxy in front of it. Each is sampled; the figure is the one that grew most.
 */
function workerdPids() {
  const pids = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/.exec(readFileSync(`/proc/${pid}/stat`, "utf8").trim()) ?? [];
      if (comm?.startsWith("workerd") && Number(rest.split(" ")[2]) === worker.processGroup) pids.push(pid);
    } catch {}
  }
  if (!pids.length) throw new Error("no workerd process in wrangler's process group");
  return pids;
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

try {
  let warm = 0;
  await ringsAtRate(() => warm++ >= 3 * RING_RATE); // warm-up, untimed

  // The import in slices of SLICE_REQUESTS requests, each slice after one as long of rings alone,
  // the rings going on all along at RING_RATE: the machine's own noise falls on both alike.
  const totals = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const alone = [];
  const during = [];
  const requestTimes = [];
  let importSeconds = 0;
  let next = 0;
  // Each client sends the next chunk when its last one is answered, as a client importing a file does.
  const importer = async (end) => {
    while (next < end) {
      const csv = chunks[next++];
      const t = performance.now();
      const res = await fetch(`${worker.url}/api/contacts/import${DRY_RUN ? "?dry_run=true" : ""}`, {
        method: "POST",
        headers: { "content-type": "text/csv", "x-api-key": KEY },
        body: csv,
      });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`import: ${res.status} ${JSON.stringify(body)}`);
      for (const k of Object.keys(totals)) totals[k] += body[k];
      requestTimes.push(performance.now() - t);
    }
  };
  while (next < chunks.length) {
    const end = Math.min(chunks.length, next + SLICE_REQUESTS);
    let importing = true;
    const ringing = ringsAtRate(() => !importing);
    const started = performance.now();
    await Promise.all(Array.from({ length: IMPORT_CLIENTS }, () => importer(end)));
    const took = performance.now() - started;
    importSeconds += took / 1000;
    importing = false;
    during.push(...(await ringing));
    alone.push(...(await ringsAtRate(() => performance.now() - started > 2 * took)));
  }
  const seconds = importSeconds;

  // The export, its workerd's memory sampled meanwhile.
  const pids = workerdPids();
  const rssBefore = new Map(pids.map((pid) => [pid, rssMb(pid)]));
  const rssPeak = new Map(rssBefore);
  const sampler = setInterval(() => {
    for (const pid of pids) rssPeak.set(pid, Math.max(rssPeak.get(pid), rssMb(pid)));
  }, 20);
  const exportStarted = performance.now();
  const res = await fetch(`${worker.url}/api/contacts/export`, { headers: { "x-api-key": EXPORT_KEY } });
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const exportSeconds = (performance.now() - exportStarted) / 1000;
  clearInterval(sampler);

  const row = (label, value) => console.log(`${label.padEnd(58)} ${value}`);
  console.log();
  row(
    `import: ${ROWS} rows in ${chunks.length} requests of ${CHUNK}, ${IMPORT_CLIENTS} at a time`,
    `${(ROWS / seconds).toFixed(0)} rows/s (${seconds.toFixed(1)} s)`,
  );
  row("  per request: p50, p99", `${ms(p(requestTimes, 50))} ms  ${ms(p(requestTimes, 99))} ms`);
  row("  rows", JSON.stringify(totals));
  row(
    `rings at ${RING_RATE}/s all along; alone (${alone.length}): p50, p99`,
    `${ms(p(alone, 50))} ms  ${ms(p(alone, 99))} ms`,
  );
  row(`ring during the import (${during.length}): p50, p99`, `${ms(p(during, 50))} ms  ${ms(p(during, 99))} ms`);
  row("  p99 during / alone", ratio(p(during, 99) / p(alone, 99)));
  row(
    `export: ${EXPORT_CONTACTS} contacts, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${lines} lines`,
    `${exportSeconds.toFixed(1)} s`,
  );
  const growth = (pid) => rssPeak.get(pid) - rssBefore.get(pid);
  const [grew] = [...pids].sort((a, b) => growth(b) - growth(a));
  const [start, peak] = [rssBefore.get(grew), rssPeak.get(grew)];
  row(
    "  workerd RSS before, peak during (MiB)",
    `${start.toFixed(0)}  ${peak.toFixed(0)} (+${(peak - start).toFixed(0)})`,
  );
  console.log("\ngoal: import >= 2,000 rows/s; export < 60 s; ring p99 during the import <= 2x alone");
  // A dry run answers what it would do: the same counts.
  if (totals.created !== Math.ceil(ROWS / 2) || totals.updated !== Math.floor(ROWS / 2) || totals.failed) {
    throw new Error(`unexpected outcome: ${JSON.stringify(totals)}`);
  }
  if (lines !== EXPORT_CONTACTS + 1) throw new Error(`the export has ${lines} lines, not ${EXPORT_CONTACTS + 1}`);
} finally {
  await worker.stop();
}
