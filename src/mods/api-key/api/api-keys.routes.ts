import { createRoute } from "@hono/zod-openapi";
import { requireOrganizationAdmin } from "../../../auth/authenticate";
import { defaultBodyLimit } from "../../../lib/body-limit";
import { commonErrors, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import { ApiKeyListSchema, ApiKeyParams, NewApiKeyResultSchema, NewApiKeySchema } from "../types/api-key";

const tags = ["API keys"];
const middleware = [requireOrganizationAdmin];

export const createApiKey = createRoute({
  method: "post",
  path: "/api-keys",
  tags,
  middleware: [...middleware, defaultBodyLimit],
  summary: "Create an API key for the active organization (owners and admins)",
  description:
    "`scope` `calls` gives a telephony provider only what it needs (the ring, transcriptions, enrich); " +
    "without a scope the key is `full`. Removing the key's creator from the organization revokes it.",
  request: { body: jsonBody(NewApiKeySchema) },
  responses: { 201: json(NewApiKeyResultSchema, "The key, shown this once"), ...commonErrors },
});

export const listApiKeys = createRoute({
  method: "get",
  path: "/api-keys",
  tags,
  middleware,
  summary: "The organization's API keys with their scope and creator, never the keys themselves",
  responses: { 200: json(ApiKeyListSchema, "The keys"), ...commonErrors },
});

export const revokeApiKey = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  tags,
  middleware,
  summary: "Revoke an API key; it stops working at once",
  request: { params: ApiKeyParams },
  responses: { 204: { description: "Revoked" }, ...commonErrors, ...notFoundError },
});
