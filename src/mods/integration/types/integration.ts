import { z } from "@hono/zod-openapi";
import { deliveryKinds, deliveryOutcomes, integrationProviders } from "../../../db/schema";
import { text, timestamp, uuid } from "../../../lib/fields";
import { PageQuery, page } from "../../../lib/pagination";

export const ProviderSchema = z.enum(integrationProviders).openapi({ example: "twilio" });

export const IntegrationSchema = z
  .object({
    id: uuid,
    provider: ProviderSchema,
    name: z.string(),
    settings: z.record(z.string(), z.string()).openapi({ example: { stream_url: "wss://agent.example.com/media" } }),
    secret_last4: z.string().openapi({ description: "The secret's last four characters; the secret is write-only" }),
    webhook_secret_last4: z.string().nullable(),
    webhook_urls: z.object({
      ring: z.string().openapi({ description: "Give this URL to the platform for incoming calls" }),
      post_call: z.string().nullable().openapi({ description: "Give this URL to the platform for transcripts" }),
    }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi("Integration");

export const IntegrationListSchema = z.object({ data: z.array(IntegrationSchema) }).openapi("IntegrationList");

const secret = text(500).min(1, "required");
const settings = z.record(z.string(), text(500)).openapi({
  description:
    "twilio: exactly one of `stream_url` (wss://…) or `redirect_url` (https://…); vapi: `assistant_id`; others: {}",
});

export const NewIntegrationSchema = z
  .strictObject({
    provider: ProviderSchema,
    name: text(100).min(1, "required"),
    secret,
    webhook_secret: secret.nullable().optional(),
    settings: settings.optional(),
  })
  .openapi("NewIntegration");

export const IntegrationUpdateSchema = z
  .strictObject({
    name: text(100).min(1, "required").optional(),
    secret: secret.optional(),
    webhook_secret: secret.nullable().optional(),
    settings: settings.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, "give name, secret, webhook_secret or settings")
  .openapi("IntegrationUpdate");

export const DeliverySchema = z
  .object({
    id: uuid,
    received_at: timestamp,
    kind: z.enum(deliveryKinds),
    event: z.string(),
    outcome: z.enum(deliveryOutcomes),
    detail: z.string().openapi({ description: "Why, in words a person can act on; never a secret or a transcript" }),
    call_id: uuid.nullable(),
  })
  .openapi("IntegrationDelivery");

export const DeliveryPageSchema = page(DeliverySchema).openapi("IntegrationDeliveryPage");
export const DeliveryQuery = PageQuery;

export const IntegrationParams = z.object({ id: uuid.openapi({ param: { name: "id", in: "path" } }) });

export type Integration = z.infer<typeof IntegrationSchema>;
export type NewIntegration = z.infer<typeof NewIntegrationSchema>;
export type IntegrationUpdate = z.infer<typeof IntegrationUpdateSchema>;
