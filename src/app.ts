import { Scalar } from "@scalar/hono-api-reference";
import { requestId } from "hono/request-id";
import { createAuth } from "./auth/auth";
import { authenticate } from "./auth/authenticate";
import { withDatabase } from "./db/middleware";
import { defaultBodyLimit, limitBody } from "./lib/body-limit";
import { createRouter } from "./lib/create-router";
import { notFound, onError } from "./lib/on-error";
import { apiKeysRouter } from "./mods/api-key/api";
import { callsRouter, ringRouter } from "./mods/call/api";
import { MAX_TRANSCRIPTION_BYTES } from "./mods/call/types/call";
import { contactsRouter } from "./mods/contact/api";

const transcriptionBodyLimit = limitBody(MAX_TRANSCRIPTION_BYTES);

/** Everything behind a session or an API key, scoped to one organization. */
const api = createRouter().use(authenticate).route("/", contactsRouter).route("/", callsRouter).route("/", apiKeysRouter);

/** For the web UI's typed client (`hc<ApiType>("/api")`): the routes with their zod-derived types. */
export type ApiType = typeof api;

export const app = createRouter();

app.use(requestId({ generator: (c) => c.req.header("cf-ray") ?? crypto.randomUUID() }));
app.get("/healthz", (c) => c.json({ status: "ok" }));

// The ring path before the shared middleware: it authenticates inside its own batch (not through
// `authenticate`) and writes at the primary straight on the binding, so the Sessions API wrapper
// would cost it CPU for nothing (profiled). It brings its own body limit.
app.route("/api", ringRouter);

app.use("/api/*", withDatabase);
app.use("/api/*", (c, next) => (c.req.path.endsWith("/transcription") ? transcriptionBodyLimit : defaultBodyLimit)(c, next));
app.on(["GET", "POST"], "/api/auth/*", (c) => createAuth(c.env, c.var.db).handler(c.req.raw));

app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Caller identity API", version: "1.0.0", description: "Contacts, phone numbers and emails of an organization, and who is calling." },
  security: [{ apiKey: [] }, { bearer: [] }, { session: [] }],
});
app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "x-api-key" });
app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "An API key" });
app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "better-auth.session_token" });
app.get("/api/docs", Scalar({ url: "/api/openapi.json", pageTitle: "Caller identity API" }));

app.route("/api", api);

app.onError(onError);
app.notFound(notFound);
