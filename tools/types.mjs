// npm run types: worker-configuration.d.ts (the API Worker's Env and the runtime's types) and
// worker-configuration.enrichment.d.ts (the enrichment Worker's EnrichmentEnv), from the configs.
import { execFileSync } from "node:child_process";

const wrangler = (args) => execFileSync("wrangler", args, { stdio: "inherit" });
wrangler(["types"]);
wrangler([
  ...["types", "worker-configuration.enrichment.d.ts", "-c", "wrangler.enrichment.jsonc"],
  ...["--env-interface", "EnrichmentEnv", "--include-runtime", "false"],
]);
