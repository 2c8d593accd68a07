import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { apiKey } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso, isoOrNull } from "../../../lib/fields";

const KEY_PREFIX = "cik_";
/** How stale `last_used_at` may get before a request refreshes it: no write on most requests. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The hashes of keys this isolate saw lately: a telephony provider sends the same key on every
 * ring, and hashing it was 7 % of the ring path's CPU (profiled). Bounded: cleared when full.
 */
const recentKeyHashes = new Map<string, string>();
const RECENT_KEY_HASHES_MAX = 256;

/** What the api_key table stores and is looked up by: the key's SHA-256, in hex. */
export async function apiKeyHash(key: string): Promise<string> {
  const known = recentKeyHashes.get(key);
  if (known !== undefined) return known;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (recentKeyHashes.size >= RECENT_KEY_HASHES_MAX) recentKeyHashes.clear();
  recentKeyHashes.set(key, hash);
  return hash;
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
      keyHash: await apiKeyHash(key),
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
 * The organization a key belongs to, in one indexed read; no write waits on it (see below).
 * The ring path does the same read inside its own batch instead (organizationOfApiKey).
 */
export async function verifyApiKey(db: Database, key: string, waitUntil: (p: Promise<unknown>) => void) {
  const found = await findApiKey(db, await apiKeyHash(key));
  if (!found) return null;
  refreshApiKeyUse(() => db, found, waitUntil);
  return found.organizationId;
}

export async function isApiKey(db: Database, keyHash: string): Promise<boolean> {
  return (await findApiKey(db, keyHash)) !== undefined;
}

async function findApiKey(db: Database, keyHash: string) {
  const [found] = await db
    .select({ id: apiKey.id, organizationId: apiKey.organizationId, lastUsedAt: apiKey.lastUsedAt })
    .from(apiKey)
    .where(eq(apiKey.keyHash, keyHash));
  return found;
}

/**
 * Refreshes `last_used_at` at most once a minute, after the response (`waitUntil`). `db` is asked
 * for only then: the ring path builds none otherwise.
 */
export function refreshApiKeyUse(db: () => Database, key: { id: string; lastUsedAt: Date | number | null }, waitUntil: (p: Promise<unknown>) => void) {
  const now = Date.now();
  const last = key.lastUsedAt === null ? 0 : Number(key.lastUsedAt);
  if (now - last < LAST_USED_PRECISION_MS) return;
  waitUntil(
    db()
      .update(apiKey)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKey.id, key.id))
      .then(
        () => undefined,
        () => undefined, // a missed refresh only makes last_used_at a minute staler
      ),
  );
}
