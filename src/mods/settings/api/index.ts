import { createRouter } from "../../../lib/create-router";
import * as handlers from "./settings.handlers";
import * as routes from "./settings.routes";

/** What a client needs to know of the service's configuration (the web UI formats numbers with it). */
export const settingsRouter = createRouter().openapi(routes.getSettings, handlers.getSettings);
