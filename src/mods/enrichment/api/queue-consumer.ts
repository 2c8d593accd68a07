import type { Database } from "../../../db/client";
import { type CallerModel, ModelError } from "../services/caller-model";
import { enrichContact } from "../services/enrich-contact";
import { closeEnrichment, recordFailedAttempt } from "../services/enrichment-state";
import { failureReason, logFailure } from "../services/failure-reason";
import { type RetryPolicy, retryDelaySeconds } from "../services/retry-policy";
import { EnrichmentMessageSchema } from "../types/enrichment-message";

const MessageCallId = EnrichmentMessageSchema.pick({ call_id: true });

/** The call a message is about, or null for a message that is not ours to read. */
export const callIdOf = (message: Message<unknown>) => MessageCallId.safeParse(message.body).data?.call_id ?? null;

/**
 * The enrichment queue's consumer: every message is worked on at once and acked or retried on
 * its own, so one poisoned message never holds up the others of its batch.
 */
export async function consumeEnrichmentBatch(
  db: Database,
  batch: MessageBatch<unknown>,
  model: CallerModel,
  policy: RetryPolicy,
) {
  const [firsts, copies] = splitCopies(batch.messages);
  // A second message for a call (a redelivery, a double request) would ask the model again
  // while the first is still asking: the first one's ack or retry stands for both.
  for (const copy of copies) copy.ack();
  await Promise.all(firsts.map((message) => consumeMessage(db, message, model, policy)));
}

/** The first message of each call, and the later ones for a call already in the batch. */
function splitCopies(messages: readonly Message<unknown>[]): [Message<unknown>[], Message<unknown>[]] {
  const seen = new Set<string>();
  const firsts: Message<unknown>[] = [];
  const copies: Message<unknown>[] = [];
  for (const message of messages) {
    const callId = callIdOf(message);
    if (callId !== null && seen.has(callId)) copies.push(message);
    else firsts.push(message);
    if (callId !== null) seen.add(callId);
  }
  return [firsts, copies];
}

async function consumeMessage(db: Database, message: Message<unknown>, model: CallerModel, policy: RetryPolicy) {
  const callId = callIdOf(message);
  if (callId === null) {
    console.error(
      JSON.stringify({ level: "error", message: "enrichment message without a call_id, dropped", id: message.id }),
    );
    return message.ack();
  }
  try {
    const outcome = await enrichContact(db, callId, model);
    console.log(JSON.stringify({ level: "info", call_id: callId, attempt: message.attempts, ...outcome }));
    message.ack();
  } catch (err) {
    logFailure(callId, message.attempts, err);
    if (err instanceof ModelError && !err.retryable) {
      // Refused for good (400/401/403, quota, refusal, broken output): no retry loop.
      await closeEnrichment(db, callId, "failed", failureReason(err));
      return message.ack();
    }
    // Rate limits, 5xx, timeouts and our own transient faults: later, then the dead-letter queue.
    const reason = failureReason(err);
    await recordFailedAttempt(db, callId, `attempt ${message.attempts} failed: ${reason}`).catch(() => undefined);
    const retryAfter = err instanceof ModelError ? err.retryAfterSeconds : undefined;
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts, policy, retryAfter) });
  }
}
