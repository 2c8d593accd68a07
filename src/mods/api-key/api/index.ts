import { createRoute } from "@hono/zod-openapi";
import { requireOrganizationAdmin } from "../../../auth/authenticate";
import { createRouter } from "../../../lib/create-router";
import { commonErrors, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys";
import { ApiKeyListSchema, ApiKeyParams, NewApiKeyResultSchema, NewApiKeySchema } from "../types/api-key";

const tags = ["API keys"];
const middleware = [requireOrganizationAdmin];

const create = createRoute({
  method: "post",
  path: "/api-keys",
  tags,
  middleware,
  summary: "Create an API key for the active organization (owners and admins)",
  request: { body: jsonBody(NewApiKeySchema) },
  responses: { 201: json(NewApiKeyResultSchema, "The key, shown this once"), ...commonErrors },
});

const list = createRoute({
  method: "get",
  path: "/api-keys",
  tags,
  middleware,
  summary: "The organization's API keys, never the keys themselves",
  responses: { 200: json(ApiKeyListSchema, "The keys"), ...commonErrors },
});

const revoke = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  tags,
  middleware,
  summary: "Revoke an API key; it stops working at once",
  request: { params: ApiKeyParams },
  responses: { 204: { description: "Revoked" }, ...commonErrors, ...notFoundError },
});

export const apiKeysRouter = createRouter()
  .openapi(create, async (c) => {
    const { organizationId, userId } = c.var.principal;
    return c.json(await createApiKey(c.var.db, organizationId, userId!, c.req.valid("json").name), 201);
  })
  .openapi(list, async (c) => c.json(await listApiKeys(c.var.db, c.var.principal.organizationId), 200))
  .openapi(revoke, async (c) => {
    await revokeApiKey(c.var.db, c.var.principal.organizationId, c.req.valid("param").id);
    return c.body(null, 204);
  });
