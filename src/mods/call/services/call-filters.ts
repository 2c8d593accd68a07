import { and, eq, isNotNull, isNull, not, type SQL, sql } from "drizzle-orm";
import { type CallRow, call, contact } from "../../../db/schema";
import type { CallerStatus, EnrichmentStatusFilter } from "../types/call";

/** A stub is a contact without either name (as the contacts' `is_stub` says). */
const contactIsStub = sql`(${contact.firstName} = '' AND ${contact.lastName} = '')`;

/**
 * The caller status as a condition on the call LEFT JOIN its contact. Each one pins `call.caller`,
 * so the page walks call_caller_idx in `seq` order; known and stub then look at the one contact row.
 */
export function callerStatusIs(status: CallerStatus): SQL | undefined {
  switch (status) {
    case "withheld":
    case "invalid":
      return eq(call.caller, status);
    case "no_contact":
      return and(eq(call.caller, "identified"), isNull(call.contactId));
    case "stub":
      return and(eq(call.caller, "identified"), contactIsStub);
    case "known":
      return and(eq(call.caller, "identified"), isNotNull(contact.id), not(contactIsStub));
  }
}

/** `none` is a call without an enrichment status: no transcription received yet. */
export function enrichmentStatusIs(status: EnrichmentStatusFilter): SQL {
  return status === "none" ? isNull(call.enrichmentStatus) : eq(call.enrichmentStatus, status);
}

/** What the list says about who called, from the call's caller kind and its contact as it is now. */
export function callerStatusOf(caller: CallRow["caller"], contact: { is_stub: boolean } | null): CallerStatus {
  if (caller !== "identified") return caller;
  if (!contact) return "no_contact";
  return contact.is_stub ? "stub" : "known";
}
