import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organization, user } from "./auth-schema";

/**
 * What a key may reach: `full`, every route of its organization; `calls`, only what a telephony
 * provider needs (the ring, a call's transcription, enrich). Enforced in src/auth/authenticate.ts.
 */
export const API_KEY_SCOPES = ["full", "calls"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

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
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull().default("full"),
    /**
     * Who made the key. A key lives no longer than its maker's membership: removing them from the
     * organization, or deleting them, revokes it (triggers in migrations/0004_api_key_scope.sql).
     * `set null` stays as the foreign key's fallback; the API answers it as `created_by: null`.
     */
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_key_organization_idx").on(t.organizationId, t.createdAt)],
);

export type ApiKeyRow = typeof apiKey.$inferSelect;
