// Vite builds only the web UI (src/ui) into static assets; wrangler bundles the Workers.
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: path.join(import.meta.dirname, "src/ui"),
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, "dist/client"),
    emptyOutDir: true,
  },
});
