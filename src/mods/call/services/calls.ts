import { and, desc, eq, getTableColumns, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { call, contact, type CallRow } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso } from "../../../lib/fields";
import { decodeCursor, toPage } from "../../../lib/pagination";
import type { Call, EnrichmentMessage } from "../types/call";

export function presentCall(row: CallRow): Call {
  return {
    id: row.id,
    contact_id: row.contactId,
    from: row.from,
    to: row.to,
    provider: row.provider,
    provider_call_id: row.providerCallId,
    caller: row.caller,
    transcription: row.transcription,
    enrichment_status: row.enrichmentStatus,
    enrichment_error: row.enrichmentError,
    created_at: iso(row.createdAt),
  };
}

const { transcription: _omitted, ...summaryColumns } = getTableColumns(call);

export function presentCallSummary(row: Omit<CallRow, "transcription">) {
  const { transcription: _, ...summary } = presentCall({ ...row, transcription: null });
  return summary;
}

/** Newest first, without transcriptions (they can be 256 KiB each). */
export async function listCalls(db: Database, organizationId: string, query: { limit: number; cursor?: string; contact_id?: string }) {
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select(summaryColumns)
    .from(call)
    .where(
      and(
        eq(call.organizationId, organizationId),
        query.contact_id === undefined ? undefined : eq(call.contactId, query.contact_id),
        before === undefined ? undefined : lt(call.seq, before),
      ),
    )
    .orderBy(desc(call.seq))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentCallSummary);
}

export async function getCall(db: Database, organizationId: string, id: string): Promise<Call> {
  const [row] = await db
    .select()
    .from(call)
    .where(and(eq(call.id, id), eq(call.organizationId, organizationId)));
  if (!row) throw ApiError.notFound("call");
  return presentCall(row);
}

/** Enrichment is needed while the call's contact has no name; the consumer checks again. */
const contactIsStub = sql`EXISTS (SELECT 1 FROM ${contact} WHERE ${contact.id} = ${call.contactId} AND ${contact.firstName} = '' AND ${contact.lastName} = '')`;

/**
 * Saves the transcription and, when the call's contact is still a stub, queues enrichment with a
 * message carrying ids only. If the queue refuses, the call shows `failed` (it can be enriched
 * again) and the error propagates: nothing is lost silently.
 */
export async function saveTranscription(db: Database, queue: Queue<EnrichmentMessage>, organizationId: string, callId: string, transcription: string) {
  const [updated] = await db
    .update(call)
    .set({
      transcription,
      // A call enrichment already filled in stays `done`.
      enrichmentStatus: sql`CASE WHEN ${contactIsStub} THEN 'queued' WHEN ${call.enrichmentStatus} = 'done' THEN 'done' ELSE 'skipped' END`,
      enrichmentError: null,
    })
    .where(and(eq(call.id, callId), eq(call.organizationId, organizationId)))
    .returning({ status: call.enrichmentStatus });
  if (!updated) throw ApiError.notFound("call");
  if (updated.status !== "queued") return { call_id: callId, enrichment: "not_needed" as const };
  await queueEnrichment(db, queue, { call_id: callId, organization_id: organizationId });
  return { call_id: callId, enrichment: "queued" as const };
}

/** Asks again (after a failure, say): the call goes back to `queued` and a new message is sent. */
export async function requeueEnrichment(db: Database, queue: Queue<EnrichmentMessage>, organizationId: string, callId: string) {
  const [updated] = await db
    .update(call)
    .set({ enrichmentStatus: "queued", enrichmentError: null })
    .where(and(eq(call.id, callId), eq(call.organizationId, organizationId)))
    .returning({ id: call.id });
  if (!updated) throw ApiError.notFound("call");
  await queueEnrichment(db, queue, { call_id: callId, organization_id: organizationId });
  return { call_id: callId, enrichment: "queued" as const };
}

export async function queueEnrichment(db: Database, queue: Queue<EnrichmentMessage>, message: EnrichmentMessage) {
  try {
    await queue.send(message, { contentType: "json" });
  } catch (err) {
    await db.update(call).set({ enrichmentStatus: "failed", enrichmentError: "could not queue enrichment" }).where(eq(call.id, message.call_id));
    throw err;
  }
}
