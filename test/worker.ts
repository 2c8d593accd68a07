// The test Worker: the API's fetch and the enrichment Worker's queue handler side by side, so
// tests run real local Queues end to end (fetch → queue → consumer → D1). In production they
// are two Workers (wrangler.jsonc, wrangler.enrichment.jsonc).
import api from "../src/api-worker";
import enrichment from "../src/enrichment-worker";

export default {
  fetch: api.fetch,
  queue: enrichment.queue,
} satisfies ExportedHandler<Env & EnrichmentEnv>;
