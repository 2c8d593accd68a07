import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { contactEmail, contactPhone } from "../../../db/schema";

/*
 * The preferred rules as statements to put in a write's batch. The database holds "at most one
 * preferred per contact" (partial unique index); these keep "exactly one while there are any":
 * un-prefer before preferring, and after any change prefer the oldest entry if none is.
 */
export type EntryTable = typeof contactPhone | typeof contactEmail;

export function unpreferAll(db: Database, table: EntryTable, contactId: string) {
  return db.run(sql`UPDATE ${table} SET is_preferred = 0 WHERE contact_id = ${contactId} AND is_preferred = 1`);
}

/** Prefers the oldest entry when none is preferred; `avoidId` goes last (the one just un-preferred). */
export function preferOldestIfNone(db: Database, table: EntryTable, contactId: string, avoidId = "") {
  return db.run(sql`
    UPDATE ${table} SET is_preferred = 1
    WHERE id = (SELECT id FROM ${table} WHERE contact_id = ${contactId} ORDER BY id = ${avoidId}, seq LIMIT 1)
      AND NOT EXISTS (SELECT 1 FROM ${table} WHERE contact_id = ${contactId} AND is_preferred = 1)`);
}
