import { z } from "zod";
import { verifyRetell } from "../signatures";
import { callerField, eventField, jsonAnswer, optionalField, parsePayload, readJson } from "./payload";
import type { Provider } from "./provider";

/*
 * Retell: one URL for the number's inbound webhook (`call_inbound`, answered with dynamic variables
 * and metadata) and the agent's call events (`call_ended`, `call_analyzed`: the transcript).
 * https://docs.retellai.com/features/inbound-call-webhook, https://docs.retellai.com/features/webhook-overview
 * The call id our ring answer puts in the call's metadata comes back on `call.metadata.call_id`.
 */

const Envelope = z.object({ event: eventField });

const Inbound = z.object({
  call_inbound: z.object({
    from_number: callerField,
    to_number: optionalField,
    // Newer deliveries carry the call's id (for deduplicating retries); older ones have none.
    call_id: optionalField,
  }),
});

const CallEvent = z.object({
  call: z.object({
    call_id: optionalField,
    call_type: optionalField,
    from_number: optionalField,
    to_number: optionalField,
    transcript: optionalField,
    // The caller's own metadata when our ring never answered: anything, read leniently.
    metadata: z
      .object({ call_id: optionalField.catch(null) })
      .nullish()
      .catch(null),
  }),
});

const POST_CALL_EVENTS = new Set(["call_ended", "call_analyzed"]);

export const retell: Provider = {
  name: "retell",
  postCall: "same_url",
  maxRingBodyBytes: 1024 * 1024,

  verify: (request, secrets) => verifyRetell(request, secrets.secret),

  parse(request) {
    const body = readJson(request);
    const { event } = parsePayload(Envelope, body);
    if (event === "call_inbound") {
      const { call_inbound: call } = parsePayload(Inbound, body);
      return {
        kind: "ring",
        event,
        from: call.from_number,
        to: call.to_number,
        providerCallId: call.call_id,
        callerVerified: false, // Retell reports no caller-ID attestation.
      };
    }
    if (!POST_CALL_EVENTS.has(event)) return { kind: "other", event };
    const { call } = parsePayload(CallEvent, body);
    // A call that never connected, or opted out of storage, ends without a transcript; a web call has no caller.
    if (!call.transcript || call.call_type === "web_call") return { kind: "other", event };
    return {
      kind: "post_call",
      event,
      transcript: call.transcript,
      callId: call.metadata?.call_id ?? null,
      providerCallId: call.call_id,
      from: call.from_number,
      to: call.to_number,
    };
  },

  answerRing: (variables) =>
    jsonAnswer({ call_inbound: { dynamic_variables: variables, metadata: { call_id: variables.call_id } } }),
};
