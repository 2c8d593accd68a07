import { z } from "@hono/zod-openapi";
import { text, timestamp, uuid } from "../../../lib/fields";

export const ApiKeySchema = z
  .object({
    id: uuid,
    name: z.string(),
    start: z.string().openapi({ description: "The key's first characters, to tell keys apart" }),
    created_at: timestamp,
    last_used_at: timestamp.nullable().openapi({ description: "Refreshed at most once a minute" }),
  })
  .openapi("ApiKey");

export const NewApiKeyResultSchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key itself: shown this once, never again" }),
}).openapi("NewApiKey");

export const ApiKeyListSchema = z.object({ data: z.array(ApiKeySchema) }).openapi("ApiKeyList");

export const NewApiKeySchema = z.strictObject({ name: text(100).min(1, "required") }).openapi("NewApiKeyRequest");

export const ApiKeyParams = z.object({ id: uuid.openapi({ param: { name: "id", in: "path" } }) });
