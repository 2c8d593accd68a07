// npm run build: the web UI (Vite, into dist/client: the API Worker's static assets), then both
// Workers bundled as `wrangler deploy` would; prints every size.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

execFileSync("vite", ["build", "--logLevel", "warn"], { stdio: "inherit" });
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
for (const ext of ["js", "css"]) {
  const files = readdirSync("dist/client/assets").filter((f) => f.endsWith(`.${ext}`));
  const bytes = files.map((f) => readFileSync(`dist/client/assets/${f}`));
  const raw = bytes.reduce((n, b) => n + b.length, 0);
  const gzip = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  console.log(
    `${`web UI ${ext}`.padEnd(11)} ${kib(raw)} / gzip: ${kib(gzip)}   ` +
      `(dist/client, ${files.length} file${files.length === 1 ? "" : "s"})`,
  );
}

const workers = [
  { name: "API", config: "wrangler.jsonc", outdir: "dist/api" },
  { name: "enrichment", config: "wrangler.enrichment.jsonc", outdir: "dist/enrichment" },
];

for (const w of workers) {
  const out = execFileSync(
    "wrangler",
    ["deploy", "--dry-run", "-c", w.config, "--outdir", w.outdir, "--minify", "--metafile", `${w.outdir}/meta.json`],
    { encoding: "utf8" },
  );
  const size = /Total Upload: (.+)/.exec(out)?.[1] ?? "unknown";
  const meta = JSON.parse(readFileSync(`${w.outdir}/meta.json`, "utf8"));
  const inputs = Object.keys(Object.values(meta.outputs).find((o) => Object.keys(o.inputs).length > 1)?.inputs ?? {});
  const has = (module) =>
    inputs.some((path) => path.includes(`node_modules/${module}/`)) ? "included" : "not included";
  // The API Worker holds no OpenAI client; the enrichment Worker no HTTP layer (hono, the OpenAPI contract).
  console.log(`${w.name.padEnd(11)} ${size}   (OpenAI SDK ${has("openai")}, HTTP layer ${has("@hono/zod-openapi")})`);
}
