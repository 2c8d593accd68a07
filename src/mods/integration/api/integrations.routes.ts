import { createRoute } from "@hono/zod-openapi";
import { requireOrganizationAdmin } from "../../../auth/authenticate";
import { defaultBodyLimit } from "../../../lib/body-limit";
import { commonErrors, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import {
  DeliveryPageSchema,
  DeliveryQuery,
  IntegrationListSchema,
  IntegrationParams,
  IntegrationSchema,
  IntegrationUpdateSchema,
  NewIntegrationSchema,
} from "../types/integration";

const tags = ["Integrations"];
const middleware = [requireOrganizationAdmin];

export const createIntegration = createRoute({
  method: "post",
  path: "/integrations",
  tags,
  middleware: [...middleware, defaultBodyLimit],
  summary: "Connect a telephony provider or voice-agent platform (owners and admins)",
  description: "The secrets are write-only: stored sealed, answered as their last four characters.",
  request: { body: jsonBody(NewIntegrationSchema) },
  responses: { 201: json(IntegrationSchema, "The integration, with the webhook URLs to paste"), ...commonErrors },
});

export const listIntegrations = createRoute({
  method: "get",
  path: "/integrations",
  tags,
  middleware,
  summary: "The organization's integrations, newest first",
  responses: { 200: json(IntegrationListSchema, "The integrations"), ...commonErrors },
});

export const getIntegration = createRoute({
  method: "get",
  path: "/integrations/{id}",
  tags,
  middleware,
  summary: "An integration",
  request: { params: IntegrationParams },
  responses: { 200: json(IntegrationSchema, "The integration"), ...commonErrors, ...notFoundError },
});

export const updateIntegration = createRoute({
  method: "put",
  path: "/integrations/{id}",
  tags,
  middleware: [...middleware, defaultBodyLimit],
  summary: "Rename, change settings, or rotate a secret (the new one works at once, the old one no more)",
  request: { params: IntegrationParams, body: jsonBody(IntegrationUpdateSchema) },
  responses: { 200: json(IntegrationSchema, "The integration"), ...commonErrors, ...notFoundError },
});

export const deleteIntegration = createRoute({
  method: "delete",
  path: "/integrations/{id}",
  tags,
  middleware,
  summary: "Disconnect: its webhooks answer 404 from then on",
  request: { params: IntegrationParams },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFoundError },
});

export const listDeliveries = createRoute({
  method: "get",
  path: "/integrations/{id}/deliveries",
  tags,
  middleware,
  summary: "The latest webhook deliveries and their outcomes, newest first (the latest 200 are kept)",
  request: { params: IntegrationParams, query: DeliveryQuery },
  responses: { 200: json(DeliveryPageSchema, "A page of deliveries"), ...commonErrors, ...notFoundError },
});
