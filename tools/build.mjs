// npm run build: bundles both Workers as `wrangler deploy` would and prints their sizes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const workers = [
  { name: "API", config: "wrangler.jsonc", outdir: "dist/api" },
  { name: "enrichment", config: "wrangler.enrichment.jsonc", outdir: "dist/enrichment" },
];

for (const w of workers) {
  const out = execFileSync("wrangler", ["deploy", "--dry-run", "-c", w.config, "--outdir", w.outdir, "--minify", "--metafile", `${w.outdir}/meta.json`], { encoding: "utf8" });
  const size = /Total Upload: (.+)/.exec(out)?.[1] ?? "unknown";
  const meta = JSON.parse(readFileSync(`${w.outdir}/meta.json`, "utf8"));
  const inputs = Object.keys(Object.values(meta.outputs).find((o) => Object.keys(o.inputs).length > 1)?.inputs ?? {});
  const hasOpenAI = inputs.some((path) => path.includes("node_modules/openai/"));
  console.log(`${w.name.padEnd(11)} ${size}   (OpenAI SDK ${hasOpenAI ? "included" : "not included"})`);
}
