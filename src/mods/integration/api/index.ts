import { checkBodyWith, createRouter } from "../../../lib/create-router";
import { NewIntegrationInFull } from "../services/integration-rules";
import * as hooks from "./hooks.handlers";
import * as hookRoutes from "./hooks.routes";
import * as handlers from "./integrations.handlers";
import * as routes from "./integrations.routes";

/** Managing integrations: behind the API's authentication, owners and admins. */
export const integrationsRouter = createRouter()
  // The provider's rules beside the fields' own issues: one answer holds them all.
  .openapi(
    routes.createIntegration,
    handlers.createIntegration,
    checkBodyWith(() => NewIntegrationInFull),
  )
  .openapi(routes.listIntegrations, handlers.listIntegrations)
  .openapi(routes.getIntegration, handlers.getIntegration)
  .openapi(routes.updateIntegration, handlers.updateIntegration)
  .openapi(routes.deleteIntegration, handlers.deleteIntegration)
  .openapi(routes.listDeliveries, handlers.listDeliveries);

/** The platforms' webhooks: authenticated by their signatures, never by a session or an API key. */
export const hooksRouter = createRouter()
  .openapi(hookRoutes.receiveWebhook, hooks.receiveWebhookHandler)
  .openapi(hookRoutes.receiveWebhookByGet, hooks.receiveWebhookHandler)
  .openapi(hookRoutes.receivePostCallWebhook, hooks.receivePostCallWebhookHandler);
