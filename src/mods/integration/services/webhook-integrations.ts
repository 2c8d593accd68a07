import { and, eq } from "drizzle-orm";
import type { OrganizationIdSql } from "../../../auth/organization-sql";
import type { Database } from "../../../db/client";
import { type IntegrationRow, integration } from "../../../db/schema";
import { open, type SecretKeys } from "../../../lib/secret-box";
import { providers } from "./providers";
import type { Endpoint, IntegrationSecrets, Provider } from "./providers/provider";

/**
 * The integration a webhook URL names. `cached`: read from this isolate's memory, not from D1, so
 * it may be stale (rotated, changed or deleted since): whatever acts on it must check it first.
 */
export interface WebhookIntegration {
  row: IntegrationRow;
  provider: Provider;
  cached: boolean;
}

/**
 * Integrations this isolate read lately, by id. A platform sends every ring of a number to the
 * same URL, and the ring is the request a caller waits on: from here it costs one D1 round trip
 * (its batch, which checks the row is unchanged: `unchangedIntegration`) instead of two. Bounded.
 */
const recent = new Map<string, IntegrationRow>();
const RECENT_MAX = 256;

const providerOf = (providerName: string, endpoint: Endpoint): Provider | null => {
  const provider = (providers as Record<string, Provider | undefined>)[providerName];
  return provider && (endpoint === "ring" || provider.postCall === "own_url") ? provider : null;
};

/** From this isolate's memory when it holds it (`cached`), else from D1; null when there is none. */
export async function findWebhookIntegration(
  db: Database,
  providerName: string,
  id: string,
  endpoint: Endpoint,
): Promise<WebhookIntegration | null> {
  const provider = providerOf(providerName, endpoint);
  if (!provider) return null;
  const known = recent.get(id);
  if (known?.provider === provider.name) return { row: known, provider, cached: true };
  return readWebhookIntegration(db, provider, id);
}

/** Straight from D1 (and remembered): for a cached row that must be checked. */
export async function readWebhookIntegration(
  db: Database,
  provider: Provider,
  id: string,
): Promise<WebhookIntegration | null> {
  const [row] = await db
    .select()
    .from(integration)
    .where(and(eq(integration.id, id), eq(integration.provider, provider.name)));
  remember(id, row);
  return row ? { row, provider, cached: false } : null;
}

function remember(id: string, row: IntegrationRow | undefined) {
  if (!row) {
    recent.delete(id);
    return;
  }
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(id, row);
}

/**
 * The organization of an integration as this isolate knows it, for a ring's batch: none (so the
 * batch writes nothing) when the integration was deleted, or changed since (its secret rotated:
 * a sealed secret is sealed anew with a fresh IV on every change, so it cannot match by chance).
 */
export const unchangedIntegration = (row: IntegrationRow): OrganizationIdSql => ({
  sql: "(SELECT organization_id FROM integration WHERE id = ? AND updated_at = ? AND secret_sealed = ?)",
  params: [row.id, row.updatedAt.getTime(), row.secretSealed],
});

/**
 * What a change of the integration can have changed, read at the end of the ring's batch that
 * found it changed: so that the ring is verified again and retried without reading it once more
 * (at most two round trips in all).
 */
export const integrationNowSql = (id: string) => ({
  sql: "SELECT settings, secret_sealed, webhook_secret_sealed, updated_at FROM integration WHERE id = ?",
  params: [id],
});

interface IntegrationNow {
  settings: string;
  secret_sealed: string;
  webhook_secret_sealed: string | null;
  updated_at: number;
}

/** The cached row brought up to date with what the ring's batch read (null: it was deleted). */
export function integrationNow(found: WebhookIntegration, rows: unknown[]): WebhookIntegration | null {
  const now = rows[0] as IntegrationNow | undefined;
  if (!now) {
    remember(found.row.id, undefined);
    return null;
  }
  const row: IntegrationRow = {
    ...found.row,
    settings: JSON.parse(now.settings),
    secretSealed: now.secret_sealed,
    webhookSecretSealed: now.webhook_secret_sealed,
    updatedAt: new Date(now.updated_at),
  };
  remember(row.id, row);
  return { ...found, row, cached: false };
}

/**
 * Secrets this isolate opened lately, by their sealed value (a rotation seals anew, so a rotated
 * secret is never served from here): every webhook of an integration needs the same one. Bounded.
 */
const openedSecrets = new Map<string, string>();

async function openCached(sealed: string, keys: SecretKeys): Promise<string> {
  let secret = openedSecrets.get(sealed);
  if (secret === undefined) {
    secret = await open(sealed, keys);
    if (openedSecrets.size >= RECENT_MAX) openedSecrets.clear();
    openedSecrets.set(sealed, secret);
  }
  return secret;
}

/** The integration's secrets in clear, for verifying a webhook. */
export async function secretsOf(row: IntegrationRow, keys: SecretKeys): Promise<IntegrationSecrets> {
  return {
    secret: await openCached(row.secretSealed, keys),
    webhookSecret: row.webhookSecretSealed ? await openCached(row.webhookSecretSealed, keys) : null,
    settings: row.settings,
  };
}
