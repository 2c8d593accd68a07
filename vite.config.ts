// Vite builds only the static assets (dist/client): the web UI (src/ui/index.html), the API
// reference at /api/docs (src/ui/api/docs.html) and their `_headers`; wrangler bundles the Workers.
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { staticAssetHeadersFile } from "./src/lib/security-headers.ts";

const root = path.join(import.meta.dirname, "src/ui");

/** The static assets' security headers (CSP and the rest), from the table the Worker uses too. */
const securityHeadersFile: Plugin = {
  name: "security-headers-file",
  generateBundle() {
    this.emitFile({ type: "asset", fileName: "_headers", source: staticAssetHeadersFile() });
  },
};

export default defineConfig({
  root,
  plugins: [react(), securityHeadersFile],
  build: {
    outDir: path.join(import.meta.dirname, "dist/client"),
    emptyOutDir: true,
    // Scalar (the docs entry) is one 1.6 MB chunk, loaded at /api/docs only; the SPA's stay far below.
    chunkSizeWarningLimit: 1800,
    rolldownOptions: {
      input: { spa: path.join(root, "index.html"), docs: path.join(root, "api/docs.html") },
    },
  },
});
