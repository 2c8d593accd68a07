import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { type DeliveryRow, integrationDelivery } from "../../../db/schema";
import { iso } from "../../../lib/fields";
import { decodeCursor, toPage } from "../../../lib/pagination";
import { newRowId } from "../../../lib/row-id";

/** At least this many of an integration's latest deliveries are kept; older ones are pruned. */
export const KEPT_DELIVERIES = 200;
/**
 * Pruning walks the kept deliveries' index: it runs with every 20th delivery an isolate records for
 * an integration, not with each (a record is a write on every webhook), so an integration holds
 * between 200 and about 200 + 20 per isolate.
 */
export const PRUNE_EVERY = 20;
const recordedSincePrune = new Map<string, number>();

export type Delivery = Pick<DeliveryRow, "kind" | "event" | "outcome" | "detail" | "callId">;
type Waiting = Delivery & { id: string; integrationId: string; receivedAt: number };

/**
 * Records waiting for the write that takes them. Every webhook leaves a record, and a write is a
 * D1 transaction of its own: the records of the requests an isolate answered meanwhile go in one
 * (a multi-row INSERT), so that under load the records cost D1 a write per batch, not per request.
 */
const waiting: Waiting[] = [];
/** When the write under way started; null when none is. */
let writingSince: number | null = null;
/**
 * How long the first record waits for others before its write: under load the records of the
 * requests answered meanwhile go with it; alone, it is written this much later, after its answer.
 */
const GATHER_MS = 100;
/** A request's waitUntil lasts 30 s after its answer: the one writing hands over well before. */
const WRITING_AT_MOST_MS = 10_000;
/** A write this old was cut short with its request (its `finally` never ran): the next takes over. */
const WRITING_ABANDONED_MS = 60_000;
/** D1 binds at most 100 parameters per statement; a record takes 8. */
const RECORDS_PER_INSERT = 12;

/**
 * Records one delivery, after the answer (waitUntil): a webhook never waits on its own record.
 * The promise settles when the record is written, or at once when a write under way (another
 * request's) will take it: no request waits on another's I/O. Records of a deleted integration
 * are dropped.
 */
export function recordDelivery(d1: D1Database, integrationId: string, delivery: Delivery): Promise<void> {
  waiting.push({
    ...delivery,
    id: newRowId(),
    integrationId,
    receivedAt: Date.now(),
    // Bounded, so that no request can make a record large; never a secret or a transcript.
    event: delivery.event.slice(0, 100),
    detail: delivery.detail.slice(0, 500),
  });
  const now = Date.now();
  if (writingSince !== null && now - writingSince < WRITING_ABANDONED_MS) return Promise.resolve();
  writingSince = now;
  return writeWaiting(d1).finally(() => {
    writingSince = null;
  });
}

/** Writes what waits, and what came meanwhile, until nothing waits (or long enough: the next takes over). */
async function writeWaiting(d1: D1Database) {
  const started = Date.now();
  while (waiting.length > 0 && Date.now() - started < WRITING_AT_MOST_MS) {
    await scheduler.wait(GATHER_MS);
    const records = waiting.splice(0);
    const statements = [];
    for (let i = 0; i < records.length; i += RECORDS_PER_INSERT) {
      statements.push(insertOf(d1, records.slice(i, i + RECORDS_PER_INSERT)));
    }
    for (const id of integrationsToPrune(records)) statements.push(pruneOf(d1, id));
    await d1.batch(statements);
  }
}

/** An INSERT of the records whose integration still exists (one deleted meanwhile takes none). */
const insertOf = (d1: D1Database, records: Waiting[]) =>
  d1
    .prepare(
      `INSERT INTO integration_delivery (id, integration_id, received_at, kind, event, outcome, detail, call_id)
       SELECT v.* FROM (VALUES ${records.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}) AS v
       WHERE EXISTS (SELECT 1 FROM integration WHERE id = v.column2)`,
    )
    .bind(
      ...records.flatMap((r) => [r.id, r.integrationId, r.receivedAt, r.kind, r.event, r.outcome, r.detail, r.callId]),
    );

/** The integrations whose records since their last prune reach PRUNE_EVERY with these. */
function integrationsToPrune(records: Waiting[]): string[] {
  const due = new Set<string>();
  for (const { integrationId } of records) {
    const recorded = (recordedSincePrune.get(integrationId) ?? 0) + 1;
    if (recorded < PRUNE_EVERY) {
      if (recordedSincePrune.size > 1000) recordedSincePrune.clear(); // bounded; a lost count only delays a prune
      recordedSincePrune.set(integrationId, recorded);
    } else {
      recordedSincePrune.delete(integrationId);
      due.add(integrationId);
    }
  }
  return [...due];
}

/** Deletes the integration's records older than its latest KEPT_DELIVERIES (walking its index). */
const pruneOf = (d1: D1Database, integrationId: string) =>
  d1
    .prepare(
      `DELETE FROM integration_delivery WHERE integration_id = ?1 AND seq <
         (SELECT seq FROM integration_delivery WHERE integration_id = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)`,
    )
    .bind(integrationId, KEPT_DELIVERIES - 1);

const present = (row: DeliveryRow) => ({
  id: row.id,
  received_at: iso(row.receivedAt),
  kind: row.kind,
  event: row.event,
  outcome: row.outcome,
  detail: row.detail,
  call_id: row.callId,
});

/** Newest first, keyset-paged like every list. */
export async function listDeliveries(db: Database, integrationId: string, query: { limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select()
    .from(integrationDelivery)
    .where(
      and(
        eq(integrationDelivery.integrationId, integrationId),
        before === undefined ? undefined : lt(integrationDelivery.seq, before),
      ),
    )
    .orderBy(desc(integrationDelivery.seq))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, present);
}
