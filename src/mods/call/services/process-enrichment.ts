import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { call } from "../../../db/schema";
import { enrichContact, settle } from "../../contact/services/enrich-contact";
import { ModelError, type CallerModel } from "../../contact/types/caller-identity";
import type { EnrichmentMessage } from "../types/call";

export interface RetryPolicy {
  /** The first retry's delay; each further one doubles it. */
  baseSeconds: number;
  maxSeconds: number;
}

/** Exponential backoff, never sooner than the API's retry-after (itself capped by the model client). */
export function retryDelaySeconds(attempts: number, policy: RetryPolicy, retryAfterSeconds?: number): number {
  const backoff = policy.baseSeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(policy.maxSeconds, Math.max(retryAfterSeconds ?? 0, backoff));
}

const isEnrichmentMessage = (body: unknown): body is EnrichmentMessage =>
  typeof body === "object" && body !== null && typeof (body as EnrichmentMessage).call_id === "string";

/**
 * The enrichment queue's consumer: every message is worked on at once and acked or retried on
 * its own, so one poisoned message never holds up the others of its batch.
 */
export async function processEnrichmentBatch(db: Database, batch: MessageBatch<unknown>, model: CallerModel, policy: RetryPolicy) {
  const [firsts, copies] = splitCopies(batch.messages);
  // A second message for a call (a redelivery, a double request) would ask the model again
  // while the first is still asking: the first one's ack or retry stands for both.
  for (const copy of copies) copy.ack();
  await Promise.all(firsts.map((message) => processMessage(db, message, model, policy)));
}

/** The first message of each call, and the later ones for a call already in the batch. */
function splitCopies(messages: readonly Message<unknown>[]): [Message<unknown>[], Message<unknown>[]] {
  const seen = new Set<string>();
  const firsts: Message<unknown>[] = [];
  const copies: Message<unknown>[] = [];
  for (const message of messages) {
    const callId = isEnrichmentMessage(message.body) ? message.body.call_id : null;
    if (callId !== null && seen.has(callId)) copies.push(message);
    else firsts.push(message);
    if (callId !== null) seen.add(callId);
  }
  return [firsts, copies];
}

async function processMessage(db: Database, message: Message<unknown>, model: CallerModel, policy: RetryPolicy) {
  if (!isEnrichmentMessage(message.body)) {
    console.error(JSON.stringify({ level: "error", message: "enrichment message without a call_id, dropped", id: message.id }));
    return message.ack();
  }
  const callId = message.body.call_id;
  try {
    const outcome = await enrichContact(db, callId, model);
    console.log(JSON.stringify({ level: "info", call_id: callId, attempt: message.attempts, ...outcome }));
    message.ack();
  } catch (err) {
    if (err instanceof ModelError && !err.retryable) {
      // Refused for good (400/401/403, quota, refusal, broken output): no retry loop.
      await settle(db, callId, "failed", err.message);
      return message.ack();
    }
    // Rate limits, 5xx, timeouts and our own transient faults: later, then the dead-letter queue.
    const reason = err instanceof Error ? err.message : String(err);
    await noteRetry(db, callId, `attempt ${message.attempts} failed: ${reason}`).catch(() => undefined);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts, policy, err instanceof ModelError ? err.retryAfterSeconds : undefined) });
  }
}

/** Keeps the last failure on the call while it waits for another try, for the dead-letter consumer. */
async function noteRetry(db: Database, callId: string, reason: string) {
  await db.update(call).set({ enrichmentError: reason }).where(eq(call.id, callId));
}

/** The dead-letter queue: retries are exhausted; the call shows `failed` with the last reason. */
export async function processDeadLetters(db: Database, batch: MessageBatch<unknown>) {
  for (const message of batch.messages) {
    if (isEnrichmentMessage(message.body)) {
      const [row] = await db.select({ error: call.enrichmentError }).from(call).where(eq(call.id, message.body.call_id));
      await settle(db, message.body.call_id, "failed", `gave up after retries; ${row?.error ?? "the model kept failing"}`);
    }
    message.ack();
  }
}
