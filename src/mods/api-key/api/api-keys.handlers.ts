import type { AppRouteHandler } from "../../../context";
import * as apiKeys from "../services/api-keys";
import type * as routes from "./api-keys.routes";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

export const createApiKey: Handler<"createApiKey"> = async (c) => {
  const { organizationId, userId } = c.var.principal;
  // requireOrganizationAdmin let only signed-in members through: userId is set.
  return c.json(await apiKeys.createApiKey(c.var.db, organizationId, userId!, c.req.valid("json")), 201);
};

export const listApiKeys: Handler<"listApiKeys"> = async (c) =>
  c.json(await apiKeys.listApiKeys(c.var.db, c.var.principal.organizationId), 200);

export const revokeApiKey: Handler<"revokeApiKey"> = async (c) => {
  await apiKeys.revokeApiKey(c.var.db, c.var.principal.organizationId, c.req.valid("param").id);
  return c.body(null, 204);
};
