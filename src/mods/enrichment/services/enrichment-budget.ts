import { type SQL, sql } from "drizzle-orm";
import { call } from "../../../db/schema";

/*
 * Every enrichment asks the model, which costs money and the platform's rate limit, and every
 * POST /api/calls/{id}/enrich or /transcription can queue one: so one call is queued at most
 * MAX_ENRICHMENTS_PER_HOUR times in an hour (a fixed window that opens with the first of them).
 * Counted on the call's row, by the UPDATE that queues it, so concurrent requests cannot pass it.
 */
export const MAX_ENRICHMENTS_PER_HOUR = 5;
const WINDOW_MS = 60 * 60 * 1000;

const windowOpen = (now: number) => sql`coalesce(${call.enrichmentWindowStart}, 0) > ${now - WINDOW_MS}`;

/** The columns an UPDATE that queues the call sets: one more in the open window, or the first of a new one. */
export function countEnrichment(now: number): { enrichmentRequests: SQL; enrichmentWindowStart: SQL } {
  return {
    enrichmentRequests: sql`CASE WHEN ${windowOpen(now)} THEN ${call.enrichmentRequests} + 1 ELSE 1 END`,
    enrichmentWindowStart: sql`CASE WHEN ${windowOpen(now)} THEN ${call.enrichmentWindowStart} ELSE ${now} END`,
  };
}

/** True while the call may be queued once more. */
export const enrichmentAllowed = (now: number) =>
  sql`NOT (${windowOpen(now)} AND ${call.enrichmentRequests} >= ${MAX_ENRICHMENTS_PER_HOUR})`;

/** Seconds until a call whose window opened at `windowStart` may be queued again. */
export function secondsUntilAllowed(windowStart: Date | null, now: number): number {
  return Math.max(1, Math.ceil(((windowStart?.getTime() ?? 0) + WINDOW_MS - now) / 1000));
}
