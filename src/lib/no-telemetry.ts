// Bundled in place of @better-auth/telemetry (wrangler.jsonc "alias"): better-auth sends no
// telemetry unless asked, but imports the client whole (about 9 KB of the API Worker). The service
// never turns it on.
export async function createTelemetry() {
  return { publish: async () => {} };
}

export function getTelemetryAuthConfig() {
  return {};
}
