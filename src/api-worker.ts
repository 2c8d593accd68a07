import { app } from "./app";

/** The API Worker: the HTTP API, the ring path and the web UI's static assets (wrangler.jsonc). */
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
