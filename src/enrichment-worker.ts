import { createDb } from "./db/client";
import { consumeDeadLetters } from "./mods/enrichment/api/dead-letter-consumer";
import { consumeEnrichmentBatch } from "./mods/enrichment/api/queue-consumer";
import { openAICallerModel } from "./mods/enrichment/services/openai-caller-model";

/**
 * The enrichment Worker: consumes the enrichment queue (and its dead-letter queue), asks the
 * model who called, fills in stub contacts. Its own Worker, so the API Worker's bundle and
 * secrets hold no OpenAI client or key.
 */
export default {
  async queue(batch, env) {
    // Writes follow reads of the same rows: start at the primary.
    const db = createDb(env.DB.withSession("first-primary"));
    if (batch.queue === env.ENRICHMENT_DEAD_LETTER_QUEUE) return consumeDeadLetters(db, batch);
    await consumeEnrichmentBatch(db, batch, openAICallerModel(env), {
      baseSeconds: Number(env.ENRICHMENT_RETRY_BASE_SECONDS ?? 10),
      maxSeconds: 300,
    });
  },
} satisfies ExportedHandler<EnrichmentEnv>;
