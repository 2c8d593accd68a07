import { drizzle } from "drizzle-orm/d1";

/**
 * Without `schema`: we use the query builder, never the relational `db.query` API, and passing the
 * schema makes drizzle() walk every table on each call (extractTablesRelationalConfig), which was
 * 12 % of the ring path's CPU in a profile. better-auth gets the schema from its adapter options.
 */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database);
}

export type Database = ReturnType<typeof createDb>;
