import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organization, user } from "./auth-schema";

/**
 * Organization API keys. Only the SHA-256 of a key is stored: verifying one is a single indexed
 * read, with no write on the request path (better-auth's api-key plugin awaits two writes per
 * verification; see the README).
 */
export const apiKey = sqliteTable(
  "api_key",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The key's first characters, so people can tell their keys apart. */
    start: text("start").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_key_organization_idx").on(t.organizationId, t.createdAt)],
);

export type ApiKeyRow = typeof apiKey.$inferSelect;
