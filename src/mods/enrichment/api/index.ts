import { createRouter } from "../../../lib/create-router";
import * as handlers from "./enrichment.handlers";
import * as routes from "./enrichment.routes";

/** The HTTP side of enrichment: a call's transcription in, and asking again after a failure. */
export const enrichmentRouter = createRouter()
  .openapi(routes.saveTranscription, handlers.saveTranscription)
  .openapi(routes.enrichCall, handlers.enrichCall);
