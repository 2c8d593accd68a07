import type { BatchItem } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";

/**
 * Without `schema`: we use the query builder, never the relational `db.query` API, and passing the
 * schema makes drizzle() walk every table on each call (extractTablesRelationalConfig), which
 * showed in the ring path's profile. better-auth gets the schema from its adapter options.
 */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database);
}

export type Database = ReturnType<typeof createDb>;

/** One statement of a `db.batch`: D1 runs a batch as one transaction in one round trip. */
export type Statement = BatchItem<"sqlite">;
