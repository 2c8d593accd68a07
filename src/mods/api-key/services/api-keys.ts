import { and, desc, eq } from "drizzle-orm";
import { apiKeyHash } from "../../../auth/api-key-credentials";
import type { Database } from "../../../db/client";
import { apiKey } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso, isoOrNull } from "../../../lib/fields";

const KEY_PREFIX = "cik_";

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return (
    KEY_PREFIX +
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "")
  );
}

const present = (row: typeof apiKey.$inferSelect) => ({
  id: row.id,
  name: row.name,
  start: row.start,
  created_at: iso(row.createdAt),
  last_used_at: isoOrNull(row.lastUsedAt),
});

export async function createApiKey(db: Database, organizationId: string, userId: string, name: string) {
  const key = newKey();
  const [row] = await db
    .insert(apiKey)
    .values({
      id: crypto.randomUUID(),
      organizationId,
      name,
      start: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: await apiKeyHash(key),
      createdByUserId: userId,
      createdAt: new Date(),
    })
    .returning();
  return { ...present(row!), key };
}

export async function listApiKeys(db: Database, organizationId: string) {
  const rows = await db
    .select()
    .from(apiKey)
    .where(eq(apiKey.organizationId, organizationId))
    .orderBy(desc(apiKey.createdAt));
  return { data: rows.map(present) };
}

/** Deleting the row is the revocation: the next request with the key finds nothing. */
export async function revokeApiKey(db: Database, organizationId: string, id: string) {
  const deleted = await db
    .delete(apiKey)
    .where(and(eq(apiKey.id, id), eq(apiKey.organizationId, organizationId)))
    .returning({ id: apiKey.id });
  if (!deleted.length) throw ApiError.notFound("API key");
}
