import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { call, contact } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import type { EnrichmentMessage } from "../types/enrichment-message";
import { countEnrichment, enrichmentAllowed, MAX_ENRICHMENTS_PER_HOUR, secondsUntilAllowed } from "./enrichment-budget";

/*
 * A call's enrichment state (`enrichment_status`, `enrichment_error`) is written here and nowhere
 * else. null (no transcription yet) → `queued` when a transcription arrives for a stub (else
 * `skipped`, or `done` stays `done`) → `done` | `skipped` | `failed`, closed only from `queued`, so
 * a late duplicate message cannot reopen or overwrite it. `failed` and the rest can be queued again,
 * a few times an hour (enrichment-budget.ts).
 */

export type ClosedEnrichment = "done" | "skipped" | "failed";

/** The error a call shows when the queue refused its message. */
const QUEUE_REFUSED = "could not queue enrichment";

/** Enrichment is needed while the call's contact has no name; the consumer checks again. */
const contactIsStub = sql`EXISTS (SELECT 1 FROM ${contact}
  WHERE ${contact.id} = ${call.contactId} AND ${contact.firstName} = '' AND ${contact.lastName} = '')`;

/**
 * Saves the transcription and, when the call's contact is still a stub, queues enrichment with a
 * message carrying ids only. If the queue refuses, the call shows `failed` (it can be enriched
 * again) and the error propagates: nothing is lost silently. Over the call's enrichment budget, a
 * transcription that would queue it again is a 429 and saves nothing.
 */
export async function saveTranscription(
  db: Database,
  queue: Queue<EnrichmentMessage>,
  organizationId: string,
  callId: string,
  transcription: string,
) {
  const now = Date.now();
  const saved = await store(db, queue, organizationId, callId, transcription, { firstOnly: false, now });
  if (saved) return saved;
  const erased = await erasedCall(db, organizationId, callId);
  if (erased) return erased;
  throw await whyNotQueued(db, organizationId, callId, now);
}

/**
 * As saveTranscription, for a platform's webhook that may deliver the same transcript again (a
 * retry, Retell's call_analyzed after call_ended): a call of the organization whose transcription
 * is saved is left as it is, and the answer says `duplicate`.
 */
export async function saveFirstTranscription(
  db: Database,
  queue: Queue<EnrichmentMessage>,
  organizationId: string,
  callId: string,
  transcription: string,
) {
  const saved = await store(db, queue, organizationId, callId, transcription, { firstOnly: true, now: Date.now() });
  return (
    saved ?? (await erasedCall(db, organizationId, callId)) ?? { call_id: callId, enrichment: "duplicate" as const }
  );
}

/**
 * A transcript of a call whose contact was erased (a platform's, arriving after the erasure) is
 * not kept: the call keeps no trace of the person. Answered as a call that needs no enrichment.
 */
async function erasedCall(db: Database, organizationId: string, callId: string) {
  const [found] = await db
    .select({ id: call.id })
    .from(call)
    .where(and(eq(call.id, callId), eq(call.organizationId, organizationId), eq(call.erased, true)));
  return found ? { call_id: callId, enrichment: "not_needed" as const } : null;
}

async function store(
  db: Database,
  queue: Queue<EnrichmentMessage>,
  organizationId: string,
  callId: string,
  transcription: string,
  { firstOnly, now }: { firstOnly: boolean; now: number },
) {
  const counted = countEnrichment(now);
  const [updated] = await db
    .update(call)
    .set({
      transcription,
      // A call enrichment already filled in stays `done`.
      enrichmentStatus: sql`CASE WHEN ${contactIsStub} THEN 'queued'
        WHEN ${call.enrichmentStatus} = 'done' THEN 'done' ELSE 'skipped' END`,
      enrichmentError: null,
      // Counted when it queues the call (a stub's), whichever path it came by.
      enrichmentRequests: sql`CASE WHEN ${contactIsStub} THEN ${counted.enrichmentRequests}
        ELSE ${call.enrichmentRequests} END`,
      enrichmentWindowStart: sql`CASE WHEN ${contactIsStub} THEN ${counted.enrichmentWindowStart}
        ELSE ${call.enrichmentWindowStart} END`,
    })
    .where(
      and(
        eq(call.id, callId),
        eq(call.organizationId, organizationId),
        eq(call.erased, false),
        // A transcript saved before counts, unless its enrichment could not be queued: then the
        // platform's retry is what saves and queues it again.
        firstOnly ? or(isNull(call.transcription), eq(call.enrichmentError, QUEUE_REFUSED)) : undefined,
        // A platform's first transcript always queues (it comes once); a person's repeats are budgeted.
        firstOnly ? undefined : sql`(NOT ${contactIsStub} OR ${enrichmentAllowed(now)})`,
      ),
    )
    .returning({ status: call.enrichmentStatus });
  if (!updated) return null;
  if (updated.status !== "queued") return { call_id: callId, enrichment: "not_needed" as const };
  await sendToQueue(db, queue, { call_id: callId, organization_id: organizationId });
  return { call_id: callId, enrichment: "queued" as const };
}

/**
 * Asks again (after a failure, say): the call goes back to `queued` and a new message is sent,
 * within the call's enrichment budget (else a 429 with the seconds to wait).
 */
export async function requeueEnrichment(
  db: Database,
  queue: Queue<EnrichmentMessage>,
  organizationId: string,
  callId: string,
) {
  const now = Date.now();
  const [updated] = await db
    .update(call)
    .set({ enrichmentStatus: "queued", enrichmentError: null, ...countEnrichment(now) })
    .where(and(eq(call.id, callId), eq(call.organizationId, organizationId), enrichmentAllowed(now)))
    .returning({ id: call.id });
  if (!updated) throw await whyNotQueued(db, organizationId, callId, now);
  await sendToQueue(db, queue, { call_id: callId, organization_id: organizationId });
  return { call_id: callId, enrichment: "queued" as const };
}

/** A call the organization does not have is a 404; one over its enrichment budget, a 429. */
async function whyNotQueued(db: Database, organizationId: string, callId: string, now: number) {
  const [found] = await db
    .select({ windowStart: call.enrichmentWindowStart })
    .from(call)
    .where(and(eq(call.id, callId), eq(call.organizationId, organizationId)));
  if (!found) return ApiError.notFound("call");
  return new ApiError(
    "rate_limited",
    `this call was queued for enrichment ${MAX_ENRICHMENTS_PER_HOUR} times within the hour; try again later`,
    { retryAfterSeconds: secondsUntilAllowed(found.windowStart, now) },
  );
}

async function sendToQueue(db: Database, queue: Queue<EnrichmentMessage>, message: EnrichmentMessage) {
  try {
    await queue.send(message, { contentType: "json" });
  } catch (err) {
    await db
      .update(call)
      .set({ enrichmentStatus: "failed", enrichmentError: QUEUE_REFUSED })
      .where(eq(call.id, message.call_id));
    throw err;
  }
}

/** The call's enrichment as the consumer finds it, with what it needs to decide. */
export async function loadQueuedEnrichment(db: Database, callId: string) {
  const [found] = await db
    .select({
      status: call.enrichmentStatus,
      transcription: call.transcription,
      organizationId: call.organizationId,
      contactId: call.contactId,
      firstName: contact.firstName,
      lastName: contact.lastName,
    })
    .from(call)
    .leftJoin(contact, eq(contact.id, call.contactId))
    .where(eq(call.id, callId));
  return found?.status === "queued" ? found : null;
}

/** Closes a call's enrichment, only from `queued`: a statement, to end a batch that writes its result. */
export function closeEnrichment(db: Database, callId: string, status: ClosedEnrichment, error: string | null) {
  return db
    .update(call)
    .set({ enrichmentStatus: status, enrichmentError: error })
    .where(and(eq(call.id, callId), eq(call.enrichmentStatus, "queued")));
}

/** Keeps the last failure on the call while it waits for another try, for the dead-letter consumer. */
export async function recordFailedAttempt(db: Database, callId: string, reason: string) {
  await db.update(call).set({ enrichmentError: reason }).where(eq(call.id, callId));
}

/** Retries are exhausted: the call shows `failed` with the last attempt's reason. */
export async function giveUp(db: Database, callId: string) {
  const [row] = await db.select({ error: call.enrichmentError }).from(call).where(eq(call.id, callId));
  await closeEnrichment(db, callId, "failed", `gave up after retries; ${row?.error ?? "the model kept failing"}`);
}
