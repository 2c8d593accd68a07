import { createRouter } from "../../../lib/create-router";
import * as handlers from "./calls.handlers";
import * as routes from "./calls.routes";
import * as personHandlers from "./person-data.handlers";
import * as personRoutes from "./person-data.routes";

/**
 * The ring path, on its own: mounted before the API's shared middleware (src/app.ts), since it
 * authenticates inside its own database batch and writes at the primary straight on the binding.
 */
export const ringRouter = createRouter().openapi(routes.inboundCall, handlers.inboundCall);

export const callsRouter = createRouter()
  .openapi(routes.listCalls, handlers.listCalls)
  .openapi(routes.getCall, handlers.getCall)
  // A person's data is a contact and its calls (see services/person-data.ts).
  .openapi(personRoutes.exportPerson, personHandlers.exportPerson)
  .openapi(personRoutes.eraseContact, personHandlers.eraseContact);
