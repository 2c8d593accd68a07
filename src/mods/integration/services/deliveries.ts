import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { type DeliveryRow, integrationDelivery } from "../../../db/schema";
import { iso } from "../../../lib/fields";
import { decodeCursor, toPage } from "../../../lib/pagination";

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

/**
 * Records one delivery, and now and then prunes the integration's oldest beyond the kept ones.
 * Run after the answer (waitUntil): a webhook never waits on its own record.
 */
export async function recordDelivery(db: Database, integrationId: string, delivery: Delivery) {
  const insert = db.insert(integrationDelivery).values({
    id: crypto.randomUUID(),
    integrationId,
    receivedAt: new Date(),
    ...delivery,
    // Bounded, so that no request can make a record large; never a secret or a transcript.
    event: delivery.event.slice(0, 100),
    detail: delivery.detail.slice(0, 500),
  });
  const recorded = (recordedSincePrune.get(integrationId) ?? 0) + 1;
  if (recorded < PRUNE_EVERY) {
    if (recordedSincePrune.size > 1000) recordedSincePrune.clear(); // bounded; a lost count only delays a prune
    recordedSincePrune.set(integrationId, recorded);
    await insert;
    return;
  }
  recordedSincePrune.delete(integrationId);
  await db.batch([
    insert,
    db.delete(integrationDelivery).where(
      and(
        eq(integrationDelivery.integrationId, integrationId),
        lt(
          integrationDelivery.seq,
          sql`(SELECT seq FROM ${integrationDelivery} WHERE integration_id = ${integrationId}
               ORDER BY seq DESC LIMIT 1 OFFSET ${KEPT_DELIVERIES - 1})`,
        ),
      ),
    ),
  ]);
}

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
