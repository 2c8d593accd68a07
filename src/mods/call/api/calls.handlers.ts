import { acceptRingAnswer } from "../../../auth/ring-authentication";
import type { AppRouteHandler } from "../../../context";
import { defaultCountry } from "../../../lib/phone-number";
import * as calls from "../services/calls";
import { recordInboundCall } from "../services/record-inbound-call";
import type * as routes from "./calls.routes";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

/** Straight on the D1 binding: every ring writes, so it runs at the primary anyway. */
export const inboundCall: Handler<"inboundCall"> = async (c) => {
  const input = c.req.valid("json");
  const ring = {
    from: input.from,
    to: input.to ?? null,
    provider: input.provider ?? null,
    providerCallId: input.provider_call_id ?? null,
    callerVerified: input.attestation === "A",
  };
  const outcome = await recordInboundCall(c.env.DB, c.var.ringCaller, ring, defaultCountry(c.env));
  acceptRingAnswer(c, outcome);
  const body = {
    call_id: outcome.callId,
    contact: outcome.contact,
    contact_created: outcome.contactCreated,
    caller: outcome.caller,
  };
  return outcome.callCreated ? c.json(body, 201) : c.json(body, 200);
};

export const listCalls: Handler<"listCalls"> = async (c) =>
  c.json(await calls.listCalls(c.var.db, c.var.principal.organizationId, c.req.valid("query")), 200);

export const getCall: Handler<"getCall"> = async (c) =>
  c.json(await calls.getCall(c.var.db, c.var.principal.organizationId, c.req.valid("param").id), 200);
