import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { contactEmail, contactPhone } from "../../../db/schema";

/*
 * The preferred rules as statements to put in a write's batch. The database holds "at most one
 * preferred per contact" (partial unique index); these keep "exactly one while there are any":
 * un-prefer before preferring, and after any change prefer the oldest entry if none is.
 *
 * Query builders, not db.run(sql`…`): drizzle cannot put raw SQL with parameters in a D1 batch
 * (SQLiteRaw has no prepared statement to bind; drizzle-orm#2277).
 */
export type EntryTable = typeof contactPhone | typeof contactEmail;

/** Un-prefers the contact's entries; with `whileEntryExists`, only if that entry is still there. */
export function unpreferAll(db: Database, table: EntryTable, contactId: string, whileEntryExists?: string) {
  const t = table as typeof contactPhone;
  return db
    .update(t)
    .set({ isPreferred: false })
    .where(
      and(
        eq(t.contactId, contactId),
        eq(t.isPreferred, true),
        whileEntryExists === undefined
          ? undefined
          : sql`EXISTS (SELECT 1 FROM ${table} WHERE id = ${whileEntryExists})`,
      ),
    );
}

/** Prefers the oldest entry when none is preferred; `avoidId` goes last (the one just un-preferred). */
export function preferOldestIfNone(db: Database, table: EntryTable, contactId: string, avoidId = "") {
  const t = table as typeof contactPhone;
  return db
    .update(t)
    .set({ isPreferred: true })
    .where(
      and(
        eq(t.id, sql`(SELECT id FROM ${table} WHERE contact_id = ${contactId} ORDER BY id = ${avoidId}, seq LIMIT 1)`),
        sql`NOT EXISTS (SELECT 1 FROM ${table} WHERE contact_id = ${contactId} AND is_preferred = 1)`,
      ),
    );
}
