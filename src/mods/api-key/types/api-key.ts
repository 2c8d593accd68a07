import { z } from "@hono/zod-openapi";
import { API_KEY_SCOPES } from "../../../db/api-key-schema";
import { text, timestamp, uuid } from "../../../lib/fields";

export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES).openapi("ApiKeyScope", {
  description:
    "`full`: every route of the organization. `calls`: only what a telephony provider needs " +
    "(`POST /api/calls/inbound`, `POST /api/calls/{id}/transcription`, `POST /api/calls/{id}/enrich`); " +
    "any other route answers 403 `forbidden`.",
});

export const ApiKeyCreatorSchema = z
  .object({ id: uuid, name: z.string(), email: z.string() })
  .openapi("ApiKeyCreator", { description: "The user who made the key" });

export const ApiKeySchema = z
  .object({
    id: uuid,
    name: z.string(),
    scope: ApiKeyScopeSchema,
    created_by: ApiKeyCreatorSchema.nullable().openapi({
      description:
        "Who made the key; null once that user is gone. Removing them from the organization revokes the key.",
    }),
    start: z.string().openapi({ description: "The key's first characters, to tell keys apart" }),
    created_at: timestamp,
    last_used_at: timestamp.nullable().openapi({ description: "Refreshed at most once a minute" }),
  })
  .openapi("ApiKey");

export const NewApiKeyResultSchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key itself: shown this once, never again" }),
}).openapi("NewApiKey");

export const ApiKeyListSchema = z.object({ data: z.array(ApiKeySchema) }).openapi("ApiKeyList");

export const NewApiKeySchema = z
  .strictObject({
    name: text(100).min(1, "required"),
    // Without a scope a key is `full`, as every key was before scopes: old clients keep working.
    scope: ApiKeyScopeSchema.default("full").openapi({ default: "full" }),
  })
  .openapi("NewApiKeyRequest");

export const ApiKeyParams = z.object({ id: uuid.openapi({ param: { name: "id", in: "path" } }) });
