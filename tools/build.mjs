// npm run build: the static pages (Vite, into dist/client: the API Worker's static assets: the SPA and
// /api/docs), then both Workers bundled as `wrangler deploy` would; prints every size.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

execFileSync("vite", ["build", "--logLevel", "warn"], { stdio: "inherit" });
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
// The static pages: the SPA, and the API reference (Scalar, loaded at /api/docs only).
const pages = [
  { name: "web UI", html: "dist/client/index.html" },
  { name: "API docs", html: "dist/client/api/docs.html" },
];
for (const page of pages) {
  const files = assetsOf(page.html);
  for (const ext of ["js", "css"]) {
    const bytes = files.filter((f) => f.endsWith(`.${ext}`)).map((f) => readFileSync(`dist/client/assets/${f}`));
    const raw = bytes.reduce((n, b) => n + b.length, 0);
    const gzip = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    console.log(
      `${`${page.name} ${ext}`.padEnd(12)} ${kib(raw)} / gzip: ${kib(gzip)}   ` +
        `(dist/client, ${bytes.length} file${bytes.length === 1 ? "" : "s"})`,
    );
  }
}

/** The files of dist/client/assets a page loads: named by its HTML, then imported by them, lazily or not. */
function assetsOf(html) {
  const reference = /(?:\.\/|assets\/)([\w.-]+\.(?:js|css))/g;
  const found = new Set();
  const visit = (text) => {
    for (const [, file] of text.matchAll(reference)) {
      if (found.has(file)) continue;
      found.add(file);
      if (file.endsWith(".js")) visit(readFileSync(`dist/client/assets/${file}`, "utf8"));
    }
  };
  visit(readFileSync(html, "utf8"));
  return [...found];
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
