import { and, desc, eq, getTableColumns, lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { type CallRow, call, contact } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso } from "../../../lib/fields";
import { decodeCursor, toPage } from "../../../lib/pagination";
import type { Call, CallListFilters, CallSummary } from "../types/call";
import { callerStatusIs, callerStatusOf, enrichmentStatusIs } from "./call-filters";

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
    erased: row.erased,
    created_at: iso(row.createdAt),
  };
}

const { transcription: _omitted, ...summaryColumns } = getTableColumns(call);

/** A call of the list: its columns but the transcription, and its contact's names (a LEFT JOIN). */
type CallListRow = Omit<CallRow, "transcription"> & {
  contactName: { id: string; firstName: string; lastName: string } | null;
};

export function presentCallSummary(row: CallListRow): CallSummary {
  const { transcription: _, ...summary } = presentCall({ ...row, transcription: null });
  const contact = row.contactName && {
    id: row.contactName.id,
    first_name: row.contactName.firstName,
    last_name: row.contactName.lastName,
    is_stub: !row.contactName.firstName && !row.contactName.lastName,
  };
  return { ...summary, caller_status: callerStatusOf(row.caller, contact), contact };
}

/**
 * Newest first, without transcriptions (they can be 256 KiB each), each with its contact's names.
 * Every filter keeps an index's order (see call-schema.ts), so a page never sorts.
 */
export async function listCalls(db: Database, organizationId: string, query: CallListFilters) {
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select({
      ...summaryColumns,
      contactName: { id: contact.id, firstName: contact.firstName, lastName: contact.lastName },
    })
    .from(call)
    .leftJoin(contact, eq(contact.id, call.contactId))
    .where(
      and(
        eq(call.organizationId, organizationId),
        query.contact_id === undefined ? undefined : eq(call.contactId, query.contact_id),
        query.provider_call_id === undefined ? undefined : eq(call.providerCallId, query.provider_call_id),
        query.caller_status === undefined ? undefined : callerStatusIs(query.caller_status),
        query.enrichment_status === undefined ? undefined : enrichmentStatusIs(query.enrichment_status),
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
