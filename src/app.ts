import { authenticate } from "./auth/authenticate";
import { createAuth } from "./auth/better-auth";
import { limitFailedAuthentication, limitRequests } from "./auth/rate-limits";
import { withDatabase } from "./db/sessions";
import { defaultBodyLimit } from "./lib/body-limit";
import { cors } from "./lib/cors";
import { createRouter } from "./lib/create-router";
import { notFound, onError } from "./lib/on-error";
import { serviceRequestId } from "./lib/request-id";
import { countRingInFlight } from "./lib/rings-first";
import { securityHeaders } from "./lib/security-headers";
import { apiKeysRouter } from "./mods/api-key/api";
import { callsRouter, ringRouter } from "./mods/call/api";
import { contactsRouter } from "./mods/contact/api";
import { enrichmentRouter } from "./mods/enrichment/api";
import { hooksRouter, integrationsRouter } from "./mods/integration/api";
import { settingsRouter } from "./mods/settings/api";

/** Everything behind a session or an API key, scoped to one organization. */
const api = createRouter()
  // Rate limits before authentication: failed ones per client address, then the credential's budget.
  .use(limitFailedAuthentication)
  .use(limitRequests)
  .use(authenticate)
  .route("/", contactsRouter)
  .route("/", callsRouter)
  .route("/", enrichmentRouter)
  .route("/", apiKeysRouter)
  .route("/", integrationsRouter)
  .route("/", settingsRouter);

/** For the web UI's typed client (`hc<ApiType>("/api")`): the routes with their zod-derived types. */
export type ApiType = typeof api;

export const app = createRouter();

// Outermost: it adds its headers to every answer last, error envelopes and 404s included.
app.use(securityHeaders);
app.use(serviceRequestId);
// Before every /api route, the ring and better-auth included: SPAs' preflights carry no credentials.
app.use("/api/*", cors);
app.get("/healthz", (c) => c.json({ status: "ok" }));

// The ring path before the shared middleware: it authenticates inside its own batch and writes
// at the primary straight on the binding, so the Sessions API wrapper would cost it for nothing.
// Bulk work in this isolate (an import) waits for the rings in flight (src/lib/rings-first.ts).
app.use("/api/calls/inbound", countRingInFlight);
app.on(["GET", "POST"], "/hooks/:provider/:id", countRingInFlight);
app.route("/api", ringRouter);
// The platforms' webhooks: signed their own ways, each with its own body limits.
app.route("/", hooksRouter);

app.use("/api/*", withDatabase);
app.on(["GET", "POST"], "/api/auth/*", defaultBodyLimit, (c) => createAuth(c.env, c.var.db).handler(c.req.raw));

app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Caller identity API",
    version: "1.0.0",
    description: "Contacts, phone numbers and emails of an organization, and who is calling.",
  },
  security: [{ apiKey: [] }, { bearer: [] }, { session: [] }],
});
app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "x-api-key" });
app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "An API key",
});
app.openAPIRegistry.registerComponent("securitySchemes", "session", {
  type: "apiKey",
  in: "cookie",
  name: "better-auth.session_token",
});
// GET /api/docs, the API reference, is a static page (src/ui/api/docs.html): it never reaches the Worker.

app.route("/api", api);

app.onError(onError);
app.notFound(notFound);
