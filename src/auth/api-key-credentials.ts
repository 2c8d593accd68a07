import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { apiKey } from "../db/schema";
import { hex } from "../lib/hex";

/** How stale `last_used_at` may get before a request refreshes it: no write on most requests. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The hashes of keys this isolate saw lately: a telephony provider sends the same key on every
 * ring, and hashing it showed in the ring path's profile. Bounded: cleared when full.
 */
const recentKeyHashes = new Map<string, string>();
const RECENT_KEY_HASHES_MAX = 256;

/** `x-api-key: KEY` or `authorization: Bearer KEY`; null when the request carries neither. */
export function apiKeyOf(headers: Headers): string | null {
  const header = headers.get("x-api-key");
  if (header) return header.trim();
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** What the api_key table stores and is looked up by: the key's SHA-256, in hex. */
export async function apiKeyHash(key: string): Promise<string> {
  const known = recentKeyHashes.get(key);
  if (known !== undefined) return known;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  const hash = hex(new Uint8Array(digest));
  if (recentKeyHashes.size >= RECENT_KEY_HASHES_MAX) recentKeyHashes.clear();
  recentKeyHashes.set(key, hash);
  return hash;
}

export interface ApiKeyUse {
  id: string;
  lastUsedAt: Date | number | null;
}

export async function findApiKey(db: Database, keyHash: string) {
  const [found] = await db
    .select({
      id: apiKey.id,
      organizationId: apiKey.organizationId,
      scope: apiKey.scope,
      lastUsedAt: apiKey.lastUsedAt,
    })
    .from(apiKey)
    .where(eq(apiKey.keyHash, keyHash));
  return found;
}

/** The organization a key belongs to and its scope, in one indexed read; no write waits on it. */
export async function verifyApiKey(db: Database, key: string, waitUntil: (p: Promise<unknown>) => void) {
  const found = await findApiKey(db, await apiKeyHash(key));
  if (!found) return null;
  refreshApiKeyUse(() => db, found, waitUntil);
  return { organizationId: found.organizationId, scope: found.scope };
}

/**
 * Refreshes `last_used_at` at most once a minute, after the response (`waitUntil`). `db` is asked
 * for only then: the ring path builds none otherwise.
 */
export function refreshApiKeyUse(db: () => Database, key: ApiKeyUse, waitUntil: (p: Promise<unknown>) => void) {
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
