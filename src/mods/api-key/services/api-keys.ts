import { and, desc, eq } from "drizzle-orm";
import { apiKeyHash } from "../../../auth/api-key-credentials";
import type { Database } from "../../../db/client";
import { type ApiKeyRow, type ApiKeyScope, apiKey, user } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso, isoOrNull } from "../../../lib/fields";
import { newRowId } from "../../../lib/row-id";

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

/** The creator as the API shows them: who to ask about a key. */
const creatorColumns = { id: user.id, name: user.name, email: user.email };
type Creator = { id: string; name: string; email: string };

const present = (row: ApiKeyRow, creator: Creator | null) => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  created_by: creator,
  start: row.start,
  created_at: iso(row.createdAt),
  last_used_at: isoOrNull(row.lastUsedAt),
});

export async function createApiKey(
  db: Database,
  organizationId: string,
  userId: string,
  input: { name: string; scope: ApiKeyScope },
) {
  const key = newKey();
  // The key and its creator in one round trip.
  const [[row], [creator]] = await db.batch([
    db
      .insert(apiKey)
      .values({
        id: newRowId(),
        organizationId,
        name: input.name,
        start: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: await apiKeyHash(key),
        scope: input.scope,
        createdByUserId: userId,
        createdAt: new Date(),
      })
      .returning(),
    db.select(creatorColumns).from(user).where(eq(user.id, userId)),
  ]);
  return { ...present(row!, creator ?? null), key };
}

export async function listApiKeys(db: Database, organizationId: string) {
  const rows = await db
    .select({ key: apiKey, creator: creatorColumns })
    .from(apiKey)
    .leftJoin(user, eq(user.id, apiKey.createdByUserId))
    .where(eq(apiKey.organizationId, organizationId))
    .orderBy(desc(apiKey.createdAt));
  return { data: rows.map((r) => present(r.key, r.creator)) };
}

/** Deleting the row is the revocation: the next request with the key finds nothing. */
export async function revokeApiKey(db: Database, organizationId: string, id: string) {
  const deleted = await db
    .delete(apiKey)
    .where(and(eq(apiKey.id, id), eq(apiKey.organizationId, organizationId)))
    .returning({ id: apiKey.id });
  if (!deleted.length) throw ApiError.notFound("API key");
}
