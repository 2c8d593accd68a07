// npm run bench:contacts — list and search latency at 100,000 contacts, as ratios to a single GET.
import { freshDatabase, isolatedConfigs, ms, raiseRateLimits, ratio, sqlite, startWorker, timeIt } from "./lib.mjs";
import { seedOrganization } from "./seed.mjs";

const DIR = ".wrangler/bench-contacts";
const COUNT = Number(process.env.BENCH_CONTACTS ?? 100_000);
const ORG = "0b0b0b0b-0000-4000-8000-00000000000a";
const OTHER = "0b0b0b0b-0000-4000-8000-00000000000b";
const KEY = "cik_bench_key_a";

const t = performance.now();
freshDatabase(DIR);
seedOrganization(DIR, { id: ORG, key: KEY, count: COUNT });
seedOrganization(DIR, { id: OTHER, key: "cik_bench_key_b", count: COUNT });
// One contact in ten an unknown caller (a stub, no name), as rings leave them: what `kind=stub` lists.
sqlite(DIR, `UPDATE contact SET first_name = '', last_name = '' WHERE seq % 10 = 0`);
const [{ total }] = sqlite(DIR, "SELECT count(*) AS total FROM contact");
console.log(
  `seeded ${total} contacts (${COUNT} in each of 2 organizations, a tenth of them stubs) in ` +
    `${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const ids = sqlite(DIR, `SELECT id FROM contact WHERE organization_id = '${ORG}' ORDER BY random() LIMIT 500`).map(
  (r) => r.id,
);
const [{ seq: deepSeq }] = sqlite(
  DIR,
  `SELECT seq FROM contact WHERE organization_id = '${ORG}'
   ORDER BY seq DESC LIMIT 1 OFFSET ${Math.floor(COUNT * 0.6)}`,
);
const deepCursor = btoa(`v1:${deepSeq}`).replaceAll("=", "");
// The same depth in the name order (A to Z, ASCII case ignored), as the API's cursor writes it.
const [deepName] = sqlite(
  DIR,
  `SELECT seq, trim(first_name || ' ' || last_name) AS name FROM contact
   WHERE organization_id = '${ORG}' AND NOT (first_name = '' AND last_name = '')
   ORDER BY trim(first_name || ' ' || last_name) COLLATE NOCASE, seq LIMIT 1 OFFSET ${Math.floor(COUNT * 0.6)}`,
);
const deepNameCursor = Buffer.from(`name:${deepName.seq}:${deepName.name}`).toString("base64url");
// Searches for one contact's email (its local part) and phone digits as a person would type them.
const [sample] = sqlite(
  DIR,
  `SELECT e.email, p.phone_number FROM contact_email e JOIN contact_phone p USING (contact_id)
  WHERE e.organization_id = '${ORG}' ORDER BY e.seq LIMIT 1 OFFSET ${Math.floor(COUNT / 2)}`,
);
const emailQuery = sample.email.split("@")[0];
const digits = sample.phone_number.slice(2);
const phoneQuery = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}`;

// One key sends about 2,000 requests in a minute or two: its budget (1,200 a minute) is raised out of reach.
const devVars = {
  BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
  INTEGRATION_SECRETS_KEY: "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=",
};
const configs = isolatedConfigs(DIR, ["wrangler.jsonc"], devVars, (json) => raiseRateLimits(json, ["API_RATE_LIMIT"]));
const worker = await startWorker({ dir: DIR, port: 8791, configs });
const headers = { "x-api-key": KEY };
async function get(path) {
  const res = await fetch(worker.url + path, { headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const cases = [
  ["GET /api/contacts/{id} (baseline)", (i) => get(`/api/contacts/${ids[i % ids.length]}`)],
  ["GET /api/contacts (first page of 50)", () => get("/api/contacts")],
  [
    `GET /api/contacts?cursor= (page past ${Math.floor(COUNT * 0.6).toLocaleString("en")})`,
    () => get(`/api/contacts?cursor=${deepCursor}`),
  ],
  ["?kind=known (first page, counted)", () => get("/api/contacts?kind=known")],
  ["?kind=stub (first page, counted)", () => get("/api/contacts?kind=stub")],
  ["?sort=name (first page, counted)", () => get("/api/contacts?sort=name")],
  [
    `?sort=name&cursor= (page past ${Math.floor(COUNT * 0.6).toLocaleString("en")})`,
    () => get(`/api/contacts?sort=name&cursor=${deepNameCursor}`),
  ],
  ["q by name (?q=ada love)", () => get("/api/contacts?q=ada%20love")],
  [`q by email (?q=${emailQuery})`, () => get(`/api/contacts?q=${emailQuery}`)],
  [`q by phone digits (?q=${phoneQuery})`, () => get(`/api/contacts?q=${encodeURIComponent(phoneQuery)}`)],
];

try {
  // Sanity: the searches find what they should, and only in this organization.
  for (const q of ["ada love", emailQuery, phoneQuery]) {
    const found = await get(`/api/contacts?q=${encodeURIComponent(q)}`);
    if (!found.data.length) throw new Error(`search for ${q} found nothing`);
  }
  // And the lists past their cursors are full pages.
  for (const path of [`/api/contacts?cursor=${deepCursor}`, `/api/contacts?sort=name&cursor=${deepNameCursor}`])
    if ((await get(path)).data.length !== 50) throw new Error(`${path}: not a full page`);
  const rows = [];
  let baseline;
  for (const [name, fn] of cases) {
    const r = await timeIt(fn);
    baseline ??= r;
    rows.push([name, r]);
  }
  console.log(`\n${"request".padEnd(48)}    p50 ms   p99 ms   p50 ratio  p99 ratio`);
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(48)} ${ms(r.p50)}  ${ms(r.p99)}   ` +
        `${ratio(r.p50 / baseline.p50)}     ${ratio(r.p99 / baseline.p99)}`,
    );
  }
  console.log("\ngoal: pages within 2x and searches within 5x of the single GET (p50)");
} finally {
  worker.stop();
}
