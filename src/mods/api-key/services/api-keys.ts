import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { apiKey } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso, isoOrNull } from "../../../lib/fields";

const KEY_PREFIX = "cik_";
/** How stale `last_used_at` may get before a request refreshes it: no write on most requests. */
const LAST_USED_PRECISION_MS = 60_000;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return KEY_PREFIX + btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
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
      keyHash: await sha256Hex(key),
      createdByUserId: userId,
      createdAt: new Date(),
    })
    .returning();
  return { ...present(row!), key };
}

export async function listApiKeys(db: Database, organizationId: string) {
  const rows = await db.select().from(apiKey).where(eq(apiKey.organizationId, organizationId)).orderBy(desc(apiKey.createdAt));
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

/**
 * The organization a key belongs to, in one indexed read. `last_used_at` is refreshed at most once
 * a minute, after the response (`waitUntil`), so verification never waits on a write.
 */
export async function verifyApiKey(db: Database, key: string, waitUntil: (p: Promise<unknown>) => void) {
  const [found] = await db
    .select({ id: apiKey.id, organizationId: apiKey.organizationId, lastUsedAt: apiKey.lastUsedAt })
    .from(apiKey)
    .where(eq(apiKey.keyHash, await sha256Hex(key)));
  if (!found) return null;
  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    waitUntil(db.update(apiKey).set({ lastUsedAt: now }).where(eq(apiKey.id, found.id)).then(() => undefined, () => undefined));
  }
  return found.organizationId;
}
