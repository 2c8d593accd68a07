import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Dashboard counts, one round trip; each count reads an index only (see the schema's indexes). */
export async function contactStats(db: Database, organizationId: string, days: number) {
  const since = Date.now() - days * DAY_MS;
  const [row] = await db.all<{ total: number; stubs: number; active: number }>(sql`
    SELECT
      (SELECT count(*) FROM contact WHERE organization_id = ${organizationId}) AS total,
      (SELECT count(*) FROM contact
        WHERE organization_id = ${organizationId} AND first_name = '' AND last_name = '') AS stubs,
      (SELECT count(DISTINCT contact_id) FROM call
        WHERE organization_id = ${organizationId} AND created_at >= ${since} AND contact_id IS NOT NULL) AS active`);
  return { total: row?.total ?? 0, active: row?.active ?? 0, stubs: row?.stubs ?? 0, active_window_days: days };
}
