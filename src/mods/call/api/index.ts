import { authenticateRing } from "../../../auth/authenticate";
import { createDb } from "../../../db/client";
import { defaultBodyLimit } from "../../../lib/body-limit";
import { createRouter } from "../../../lib/create-router";
import { ApiError } from "../../../lib/errors";
import { refreshApiKeyUse } from "../../api-key/services/api-keys";
import { defaultCountry } from "../../contact/services/phone-number";
import * as calls from "../services/calls";
import { recordInboundCall } from "../services/record-inbound-call";
import * as routes from "./calls.routes";

/**
 * The ring path, authenticated inside its own database batch (see authenticateRing). It is mounted
 * before `withDatabase` (src/app.ts): every ring writes, so it runs at the primary anyway, straight
 * on the binding, and there is no `c.var.db` here unless authenticateRing set one for a session.
 */
export const ringRouter = createRouter().openapi({ ...routes.inboundCall, middleware: [defaultBodyLimit, authenticateRing] }, async (c) => {
  const outcome = await recordInboundCall(c.env.DB, c.var.ringOrganization, c.req.valid("json"), defaultCountry(c.env));
  if (!outcome.organizationId) throw new ApiError("unauthenticated", "invalid or revoked API key");
  if (outcome.apiKey) refreshApiKeyUse(() => createDb(c.env.DB), outcome.apiKey, (p) => c.executionCtx.waitUntil(p));
  const body = { call_id: outcome.callId, contact: outcome.contact, contact_created: outcome.contactCreated, caller: outcome.caller };
  return outcome.callCreated ? c.json(body, 201) : c.json(body, 200);
});

export const callsRouter = createRouter()
  .openapi(routes.listCalls, async (c) => c.json(await calls.listCalls(c.var.db, c.var.principal.organizationId, c.req.valid("query")), 200))
  .openapi(routes.getCall, async (c) => c.json(await calls.getCall(c.var.db, c.var.principal.organizationId, c.req.valid("param").id), 200))
  .openapi(routes.saveTranscription, async (c) => {
    const { organizationId } = c.var.principal;
    const result = await calls.saveTranscription(c.var.db, c.env.ENRICHMENT_QUEUE, organizationId, c.req.valid("param").id, c.req.valid("json").transcription);
    return c.json(result, 202);
  })
  .openapi(routes.enrichCall, async (c) => {
    const result = await calls.requeueEnrichment(c.var.db, c.env.ENRICHMENT_QUEUE, c.var.principal.organizationId, c.req.valid("param").id);
    return c.json(result, 202);
  });
