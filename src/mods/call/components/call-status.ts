import type { CallerStatus, CallSummary, EnrichmentStatusFilter } from "../types/call";

/** After the number, what kind of caller it was (nothing for a plain number). */
export const callerText = { identified: "", withheld: "number withheld", invalid: "not a valid number" } as const;

/** Who called, as the calls page says it and filters by it. */
export const callerStatusText: Record<CallerStatus, string> = {
  known: "Known contact",
  stub: "Unknown caller",
  withheld: "Number withheld",
  invalid: "Invalid number",
  no_contact: "Contact deleted",
};

/** How far the call's enrichment got, as the calls page filters by it ("none": no transcription yet). */
export const enrichmentFilterText: Record<EnrichmentStatusFilter, string> = {
  none: "Waiting for a transcription",
  queued: "Queued",
  done: "Done",
  skipped: "Skipped",
  failed: "Failed",
};

/** What became of the call's transcription and of asking the model who called. */
export function statusText(call: Pick<CallSummary, "enrichment_status">) {
  // Saving a transcription always sets an enrichment status: none means none was sent yet.
  if (call.enrichment_status === null)
    return { transcription: "not received yet", enrichment: "waiting for a transcription" };
  return { transcription: "received", enrichment: call.enrichment_status };
}
