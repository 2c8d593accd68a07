import type { Context } from "hono";
import type { AppEnv, AppRouteHandler } from "../../../context";
import { listDeliveries as deliveriesOf } from "../services/deliveries";
import * as integrations from "../services/integrations";
import type * as routes from "./integrations.routes";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

/** The organization, the public origin the webhook URLs are on, and the keys that seal secrets. */
const scopeOf = (c: Context<AppEnv>): integrations.IntegrationScope => ({
  organizationId: c.var.principal.organizationId,
  origin: new URL(c.req.url).origin,
  keys: integrations.secretKeysOf(c.env),
});

export const createIntegration: Handler<"createIntegration"> = async (c) =>
  c.json(await integrations.createIntegration(c.var.db, scopeOf(c), c.var.principal.userId, c.req.valid("json")), 201);

export const listIntegrations: Handler<"listIntegrations"> = async (c) =>
  c.json(await integrations.listIntegrations(c.var.db, scopeOf(c)), 200);

export const getIntegration: Handler<"getIntegration"> = async (c) =>
  c.json(await integrations.getIntegration(c.var.db, scopeOf(c), c.req.valid("param").id), 200);

export const updateIntegration: Handler<"updateIntegration"> = async (c) =>
  c.json(await integrations.updateIntegration(c.var.db, scopeOf(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const deleteIntegration: Handler<"deleteIntegration"> = async (c) => {
  await integrations.deleteIntegration(c.var.db, scopeOf(c), c.req.valid("param").id);
  return c.body(null, 204);
};

export const listDeliveries: Handler<"listDeliveries"> = async (c) => {
  const { id } = c.req.valid("param");
  await integrations.assertIntegration(c.var.db, c.var.principal.organizationId, id);
  return c.json(await deliveriesOf(c.var.db, id, c.req.valid("query")), 200);
};
