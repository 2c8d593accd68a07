import { and, desc, eq, getTableColumns, lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { type CallRow, call } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso } from "../../../lib/fields";
import { decodeCursor, toPage } from "../../../lib/pagination";
import type { Call } from "../types/call";

export function presentCall(row: CallRow): Call {
  return {
    id: row.id,
    contact_id: row.contactId,
    from: row.from,
    to: row.to,
    provider: row.provider,
    provider_call_id: row.providerCallId,
    caller: row.caller,
    caller_verified: row.callerVerified,
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
export async function listCalls(
  db: Database,
  organizationId: string,
  query: { limit: number; cursor?: string; contact_id?: string; provider_call_id?: string },
) {
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select(summaryColumns)
    .from(call)
    .where(
      and(
        eq(call.organizationId, organizationId),
        query.contact_id === undefined ? undefined : eq(call.contactId, query.contact_id),
        query.provider_call_id === undefined ? undefined : eq(call.providerCallId, query.provider_call_id),
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
