import { z } from "zod";
import { verifySharedSecret } from "../signatures";
import { callerField, eventField, jsonAnswer, optionalField, parsePayload, readJson } from "./payload";
import type { Provider } from "./provider";

/*
 * Vapi: the phone number's server URL gets every server message, `{message: {type, call, customer,
 * phoneNumber, ...}}`. `assistant-request` asks which assistant takes an inbound call (answered with
 * the integration's assistant and the caller's variables); `end-of-call-report` carries the
 * transcript as a string on `message.artifact.transcript`. https://docs.vapi.ai/server-url/events,
 * https://docs.vapi.ai/server-url/end-of-call-report. Vapi's messages report no caller-ID
 * attestation, so callerVerified is always false.
 */

const Envelope = z.object({ message: z.object({ type: eventField }) });

const Message = z.object({
  message: z.object({
    call: z.object({ id: optionalField, type: optionalField }).nullish(),
    customer: z.object({ number: callerField }).nullish(),
    phoneNumber: z.object({ number: optionalField }).nullish(),
    artifact: z.object({ transcript: optionalField }).nullish(),
  }),
});

export const vapi: Provider = {
  name: "vapi",
  postCall: "same_url",
  maxRingBodyBytes: 1024 * 1024,

  verify: (request, secrets) => verifySharedSecret(request, secrets.secret, "x-vapi-secret"),

  parse(request) {
    const body = readJson(request);
    const event = parsePayload(Envelope, body).message.type;
    if (event !== "assistant-request" && event !== "end-of-call-report") return { kind: "other", event };
    const { message } = parsePayload(Message, body);
    const from = message.customer?.number ?? "";
    const to = message.phoneNumber?.number ?? null;
    const providerCallId = message.call?.id ?? null;
    if (event === "assistant-request") return { kind: "ring", event, from, to, providerCallId, callerVerified: false };
    const transcript = message.artifact?.transcript;
    // A call that never connected ends without a transcript; a web call has no caller.
    if (!transcript || message.call?.type === "webCall") return { kind: "other", event };
    return { kind: "post_call", event, transcript, callId: null, providerCallId, from: from || null, to };
  },

  answerRing(variables, _event, settings) {
    if (!settings.assistant_id) throw new Error("the Vapi integration has no assistant_id in its settings");
    return jsonAnswer({ assistantId: settings.assistant_id, assistantOverrides: { variableValues: variables } });
  },
};
