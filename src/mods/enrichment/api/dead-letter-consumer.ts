import type { Database } from "../../../db/client";
import { giveUp } from "../services/enrichment-state";
import { callIdOf } from "./queue-consumer";

/** The dead-letter queue: retries are exhausted; the call shows `failed` with the last reason. */
export async function consumeDeadLetters(db: Database, batch: MessageBatch<unknown>) {
  for (const message of batch.messages) {
    const callId = callIdOf(message);
    if (callId !== null) await giveUp(db, callId);
    message.ack();
  }
}
