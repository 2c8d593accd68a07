import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { type IntegrationRow, integration } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { iso } from "../../../lib/fields";
import { newRowId } from "../../../lib/row-id";
import { type SecretKeys, seal } from "../../../lib/secret-box";
import type { Integration, IntegrationUpdate, NewIntegration } from "../types/integration";
import { providerIssues, webhookUrls } from "./integration-rules";

/** Owners and admins manage an organization's integrations; the answers never hold a secret. */
export interface IntegrationScope {
  organizationId: string;
  /** The service's public origin, for the webhook URLs. */
  origin: string;
  keys: SecretKeys;
}

export const secretKeysOf = (env: { INTEGRATION_SECRETS_KEY: string; INTEGRATION_SECRETS_PREVIOUS_KEY?: string }) => ({
  current: env.INTEGRATION_SECRETS_KEY,
  previous: env.INTEGRATION_SECRETS_PREVIOUS_KEY,
});

function present(row: IntegrationRow, origin: string): Integration {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    settings: row.settings,
    secret_last4: row.secretLast4,
    webhook_secret_last4: row.webhookSecretLast4,
    webhook_urls: webhookUrls(origin, row.provider, row.id),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

const last4 = (secret: string) => secret.slice(-4);

function check(provider: IntegrationRow["provider"], input: IntegrationUpdate) {
  const issues = providerIssues(provider, input);
  if (issues.length) throw ApiError.validation(issues);
}

/** The sealed columns for the secrets given (a null webhook secret removes it). */
async function sealedSecrets(input: IntegrationUpdate, keys: SecretKeys) {
  return {
    ...(input.secret !== undefined && {
      secretSealed: await seal(input.secret, keys),
      secretLast4: last4(input.secret),
    }),
    ...(input.webhook_secret !== undefined && {
      webhookSecretSealed: input.webhook_secret === null ? null : await seal(input.webhook_secret, keys),
      webhookSecretLast4: input.webhook_secret === null ? null : last4(input.webhook_secret),
    }),
  };
}

export async function createIntegration(
  db: Database,
  scope: IntegrationScope,
  userId: string | null,
  input: NewIntegration,
): Promise<Integration> {
  const settings = input.settings ?? {};
  check(input.provider, { ...input, settings });
  const now = new Date();
  // The secret is required on create, so sealedSecrets sealed it.
  const { secretSealed, secretLast4, ...webhookSecret } = await sealedSecrets(input, scope.keys);
  const [row] = await db
    .insert(integration)
    .values({
      id: newRowId(),
      organizationId: scope.organizationId,
      provider: input.provider,
      name: input.name,
      settings,
      secretSealed: secretSealed!,
      secretLast4: secretLast4!,
      ...webhookSecret,
      createdByUserId: userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return present(row!, scope.origin);
}

const inOrganization = (organizationId: string, id: string) =>
  and(eq(integration.id, id), eq(integration.organizationId, organizationId));

async function findRow(db: Database, organizationId: string, id: string) {
  const [row] = await db.select().from(integration).where(inOrganization(organizationId, id));
  if (!row) throw ApiError.notFound("integration");
  return row;
}

export async function listIntegrations(db: Database, scope: IntegrationScope) {
  const rows = await db
    .select()
    .from(integration)
    .where(eq(integration.organizationId, scope.organizationId))
    .orderBy(desc(integration.seq));
  return { data: rows.map((row) => present(row, scope.origin)) };
}

export async function getIntegration(db: Database, scope: IntegrationScope, id: string) {
  return present(await findRow(db, scope.organizationId, id), scope.origin);
}

/** A new secret replaces the old one at once: the next webhook is verified with it. */
export async function updateIntegration(db: Database, scope: IntegrationScope, id: string, input: IntegrationUpdate) {
  const current = await findRow(db, scope.organizationId, id);
  check(current.provider, input);
  const [row] = await db
    .update(integration)
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.settings !== undefined && { settings: input.settings }),
      ...(await sealedSecrets(input, scope.keys)),
      updatedAt: new Date(),
    })
    .where(inOrganization(scope.organizationId, id))
    .returning();
  // Deleted between the read and the write: the same 404 as a missing one.
  if (!row) throw ApiError.notFound("integration");
  return present(row, scope.origin);
}

/** Its deliveries go with it; its webhooks answer 404 from then on. */
export async function deleteIntegration(db: Database, scope: IntegrationScope, id: string) {
  const deleted = await db
    .delete(integration)
    .where(inOrganization(scope.organizationId, id))
    .returning({ id: integration.id });
  if (!deleted.length) throw ApiError.notFound("integration");
}

/** For deliveries: the integration must be the organization's (404 otherwise). */
export async function assertIntegration(db: Database, organizationId: string, id: string) {
  const [found] = await db.select({ id: integration.id }).from(integration).where(inOrganization(organizationId, id));
  if (!found) throw ApiError.notFound("integration");
}
