// The API reference page (docs.html). Everything Scalar would fetch from scalar.com is turned off:
// the page must work offline and talk to no origin but this one (the CSP would refuse it anyway).
import "@scalar/api-reference/style.css";
import { config } from "zod";

// Scalar validates with zod, which probes `Function("")` once to decide whether to compile its
// parsers: the CSP (no 'unsafe-eval') refuses it and reports a violation on every visit. jitless
// skips the probe (zod keeps the setting on globalThis, for every copy of zod). It must be set
// before Scalar's modules run, which a static import would not guarantee once bundled: hence the
// dynamic import below.
config({ jitless: true });

const { createApiReference } = await import("@scalar/api-reference");
createApiReference("#api-reference", {
  url: "/api/openapi.json",
  // Its default fonts come from fonts.scalar.com; the system's fonts will do.
  withDefaultFonts: false,
  telemetry: false,
  // The developer toolbar (shown on localhost by default) links to Scalar's dashboard.
  showDeveloperTools: "never",
  // The "Ask AI" chat and the MCP integration are services of scalar.com.
  agent: { disabled: true },
  mcp: { disabled: true },
});
