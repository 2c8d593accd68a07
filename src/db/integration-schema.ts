import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organization, user } from "./auth-schema";

export const integrationProviders = ["twilio", "retell", "vapi", "elevenlabs", "telnyx"] as const;
export const deliveryKinds = ["ring", "post_call", "other"] as const;
export const deliveryOutcomes = [
  "accepted",
  "duplicate",
  "ignored",
  "rejected_signature",
  "rejected_stale",
  "invalid",
  "error",
] as const;

/**
 * A telephony provider or voice-agent platform connected to an organization. Its secrets are
 * stored sealed (AES-GCM, src/lib/secret-box.ts): verifying an HMAC needs them in clear, so a
 * hash would not do; only their last four characters are kept in clear, to tell them apart.
 */
export const integration = sqliteTable(
  "integration",
  {
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: integrationProviders }).notNull(),
    name: text("name").notNull(),
    /** JSON object of the provider's settings (`stream_url`, `assistant_id`, ...). */
    settings: text("settings", { mode: "json" }).$type<Record<string, string>>().notNull(),
    secretSealed: text("secret_sealed").notNull(),
    secretLast4: text("secret_last4").notNull(),
    webhookSecretSealed: text("webhook_secret_sealed"),
    webhookSecretLast4: text("webhook_secret_last4"),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("integration_organization_idx").on(t.organizationId)],
);

/** One record per request that reached a known integration's webhook: never a secret or a transcript. */
export const integrationDelivery = sqliteTable(
  "integration_delivery",
  {
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integration.id, { onDelete: "cascade" }),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    kind: text("kind", { enum: deliveryKinds }).notNull(),
    event: text("event").notNull(),
    outcome: text("outcome", { enum: deliveryOutcomes }).notNull(),
    detail: text("detail").notNull(),
    callId: text("call_id"),
  },
  // Newest first per integration, and the pruning of the oldest: both walk it.
  (t) => [index("integration_delivery_integration_idx").on(t.integrationId)],
);

export type IntegrationRow = typeof integration.$inferSelect;
export type DeliveryRow = typeof integrationDelivery.$inferSelect;
