import { z } from "zod";
import { verifyTelnyx } from "../signatures";
import { eventField, jsonAnswer, optionalField, parsePayload, readJson } from "./payload";
import type { Provider } from "./provider";

/*
 * Telnyx: `{data: {event_type, payload}}` from either an AI assistant's dynamic variables webhook
 * (`assistant.initialization`, answered with `{dynamic_variables}`:
 * https://developers.telnyx.com/docs/inference/ai-assistants/dynamic-variables) or a Call Control
 * application (`call.initiated`, whose answer Telnyx ignores: `{}`; fields as in the `telnyx` SDK's
 * CallInitiated webhook type). Only incoming calls ring; every other event is ignored.
 */

const Envelope = z.object({ data: z.object({ event_type: eventField }) });

const Payload = z.object({
  data: z.object({
    payload: z.object({
      call_control_id: optionalField,
      // assistant.initialization (some deliveries were seen with from/to instead: read as a fallback)
      telnyx_end_user_target: optionalField,
      telnyx_agent_target: optionalField,
      telnyx_end_user_target_verified: z.unknown().optional(),
      // call.initiated
      direction: optionalField,
      from: optionalField,
      to: optionalField,
      shaken_stir_attestation: z.unknown().optional(),
      shaken_stir_validated: z.unknown().optional(),
    }),
  }),
});

type TelnyxPayload = z.output<typeof Payload>["data"]["payload"];

/** Full attestation that Telnyx validated, or Telnyx's own verdict on the caller's number. */
const callerVerified = (payload: TelnyxPayload) =>
  (payload.shaken_stir_attestation === "A" && payload.shaken_stir_validated === true) ||
  payload.telnyx_end_user_target_verified === true;

export const telnyx: Provider = {
  name: "telnyx",
  postCall: "none",
  maxRingBodyBytes: 64 * 1024,

  verify: (request, secrets) => verifyTelnyx(request, secrets.secret),

  parse(request) {
    const body = readJson(request);
    const event = parsePayload(Envelope, body).data.event_type;
    if (event !== "assistant.initialization" && event !== "call.initiated") return { kind: "other", event };
    const { payload } = parsePayload(Payload, body).data;
    if (event === "call.initiated" && payload.direction !== "incoming") return { kind: "other", event };
    const assistant = event === "assistant.initialization";
    return {
      kind: "ring",
      event,
      // No number at all is a withheld caller, as callerField reads it.
      from: (assistant ? payload.telnyx_end_user_target : null) ?? payload.from ?? "",
      to: (assistant ? payload.telnyx_agent_target : null) ?? payload.to,
      providerCallId: payload.call_control_id,
      callerVerified: callerVerified(payload),
    };
  },

  answerRing: (variables, event) =>
    jsonAnswer(event.event === "assistant.initialization" ? { dynamic_variables: variables } : {}),
};
