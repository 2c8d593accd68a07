// Bundled in place of @better-auth/memory-adapter (wrangler.jsonc "alias"): better-auth imports it
// only when given no database, and the service always gives it D1 through drizzle
// (src/auth/better-auth.ts). About 2 KiB gzip of the API Worker.
export function memoryAdapter(): never {
  throw new Error("better-auth's memory adapter is not bundled: give it a database (src/lib/no-memory-adapter.ts)");
}
