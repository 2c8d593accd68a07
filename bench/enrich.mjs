// npm run bench:enrich — 200 transcriptions through local Queues to the enrichment Worker, with
// the fake model answering after 500 ms; against 200 × 500 ms one after another.
import { setTimeout as sleep } from "node:timers/promises";
import { startFakeOpenAI } from "../tools/fake-openai.mjs";
import { freshDatabase, isolatedConfigs, sqlite, startWorker } from "./lib.mjs";
import { seedOrganization } from "./seed.mjs";

const DIR = ".wrangler/bench-enrich";
const CALLS = Number(process.env.BENCH_ENRICH_CALLS ?? 200);
const MODEL_MS = 500;
const ORG = "0b0b0b0b-0000-4000-8000-0000000000e1";
const KEY = "cik_bench_enrich";

const fake = await startFakeOpenAI({ delayMs: MODEL_MS });
freshDatabase(DIR);
seedOrganization(DIR, { id: ORG, key: KEY, count: 0 });
const configs = isolatedConfigs(DIR, ["wrangler.jsonc", "wrangler.enrichment.jsonc"], {
  BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
  INTEGRATION_SECRETS_KEY: "dGVzdC1pbnRlZ3JhdGlvbi1zZWNyZXRzLWtleS0zMmI=",
  OPENAI_API_KEY: "sk-bench",
  OPENAI_BASE_URL: fake.url,
});
const worker = await startWorker({ dir: DIR, port: 8794, configs });

async function post(path, body) {
  const res = await fetch(worker.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": KEY },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const line = (i) =>
  `Agent: Thank you for calling Acme, this is Sam. Caller: Hello Sam, my name is Caller${"abcdefghij"[i % 10]} ` +
  `Number${i}, my email is caller${i}@example.com. I would like to move my appointment to Thursday afternoon.`;

try {
  const rings = [];
  for (let i = 0; i < CALLS; i++)
    rings.push(
      await post("/api/calls/inbound", {
        from: `+1777${String(1_000_000 + i).slice(-7)}`,
        provider_call_id: `bench-enrich-${i}`,
      }),
    );

  const started = performance.now();
  await Promise.all(
    rings.map((ring, i) => post(`/api/calls/${ring.call_id}/transcription`, { transcription: line(i) })),
  );
  let done = 0;
  while (done < CALLS) {
    await sleep(100);
    [{ done }] = sqlite(DIR, "SELECT count(*) AS done FROM call WHERE enrichment_status = 'done'");
    if (performance.now() - started > 600_000) throw new Error(`only ${done} of ${CALLS} done after 10 minutes`);
  }
  const seconds = (performance.now() - started) / 1000;
  const serial = (CALLS * MODEL_MS) / 1000;
  const [{ named }] = sqlite(DIR, "SELECT count(*) AS named FROM contact WHERE first_name <> ''");

  // Prompt sizes: what the model receives, from the fake's own record of the requests.
  const sizeOf = async (transcript) => {
    const ring = await post("/api/calls/inbound", { from: `+1778${String(1_000_000 + transcript.length).slice(-7)}` });
    const before = fake.requests.length;
    await post(`/api/calls/${ring.call_id}/transcription`, { transcription: transcript });
    while (fake.requests.length === before) await sleep(100);
    const { instructions, input } = fake.requests.at(-1).body;
    const chars = instructions.length + JSON.stringify(input).length;
    return { chars, tokens: Math.round(chars / 4) };
  };
  const short = await sizeOf(line(1));
  // Two hours at ~150 spoken words a minute: ~18,000 words, ~100,000 characters.
  const twoHours = await sizeOf(
    Array.from({ length: (2 * 60 * 150) / 30 }, (_, i) => line(i))
      .join("\n")
      .slice(0, 100_000),
  );

  console.log(`\n${CALLS} transcriptions enriched (${named} contacts named) in ${seconds.toFixed(1)} s`);
  console.log(
    `one after another at ${MODEL_MS} ms each: ${serial.toFixed(0)} s  →  ` +
      `${(serial / seconds).toFixed(1)}x faster (goal: >= 5x)`,
  );
  console.log(`\nprompt size (instructions + input, ~4 characters a token):`);
  console.log(`  a short call:        ${short.chars} characters, ~${short.tokens} tokens`);
  console.log(
    `  a two-hour call:     ${twoHours.chars} characters, ~${twoHours.tokens} tokens ` +
      "(transcript capped; 100,000 characters uncapped would be ~25,000 tokens)",
  );
} finally {
  worker.stop();
  await fake.close();
}
