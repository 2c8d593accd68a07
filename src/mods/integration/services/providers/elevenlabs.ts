import { z } from "zod";
import { verifyElevenLabsPostCall, verifySharedSecret } from "../signatures";
import { callerField, eventField, jsonAnswer, optionalField, parsePayload, readJson } from "./payload";
import type { Provider } from "./provider";

/*
 * ElevenLabs agents: two URLs. The ring is the agent's conversation initiation webhook for inbound
 * Twilio calls, `{caller_id, agent_id, called_number, call_sid}`, answered with
 * `conversation_initiation_client_data` (https://elevenlabs.io/docs/agents-platform/customization/personalization/twilio-personalization).
 * The post-call webhook sends `{type, event_timestamp, data}`; `post_call_transcription` has the turns on
 * `data.transcript[]` and the phone call on `data.metadata.phone_call`
 * (https://elevenlabs.io/docs/conversational-ai/workflows/post-call-webhooks); `post_call_audio` and
 * `call_initiation_failure` are ignored. ElevenLabs reports no caller-ID attestation.
 */

const Initiation = z.object({ caller_id: callerField, called_number: optionalField, call_sid: optionalField });

const PostCall = z.object({ type: eventField });

const Transcription = z.object({
  data: z.object({
    transcript: z.array(z.object({ role: optionalField, message: optionalField })),
    metadata: z
      .object({
        phone_call: z
          .object({ call_sid: optionalField, external_number: optionalField, agent_number: optionalField })
          .nullish(),
      })
      .nullish(),
    // The variables the ring answered come back with the conversation: `call_id` is the service's own.
    conversation_initiation_client_data: z
      .object({ dynamic_variables: z.object({ call_id: optionalField }).nullish() })
      .nullish(),
  }),
});

const SPEAKERS: Record<string, string> = { agent: "Agent", user: "Caller" };

/** One line per turn that says something: `Agent: …` or `Caller: …`. */
function transcriptText(turns: { role: string | null; message: string | null }[]): string {
  return turns
    .filter((turn) => turn.message && turn.role && SPEAKERS[turn.role])
    .map((turn) => `${SPEAKERS[turn.role!]}: ${turn.message}`)
    .join("\n");
}

export const elevenlabs: Provider = {
  name: "elevenlabs",
  postCall: "own_url",
  maxRingBodyBytes: 64 * 1024,

  async verify(request, secrets, endpoint) {
    if (endpoint === "ring") return verifySharedSecret(request, secrets.secret, "x-webhook-secret");
    // An empty HMAC key is one anybody can sign with: never verify against it.
    if (!secrets.webhookSecret) {
      return {
        ok: false,
        outcome: "rejected_signature",
        detail:
          "this integration has no webhook_secret: set it to the HMAC secret ElevenLabs shows for the post-call webhook",
      };
    }
    return verifyElevenLabsPostCall(request, secrets.webhookSecret);
  },

  parse(request, endpoint) {
    const body = readJson(request);
    if (endpoint === "ring") {
      const call = parsePayload(Initiation, body);
      return {
        kind: "ring",
        event: "conversation_initiation",
        from: call.caller_id,
        to: call.called_number,
        providerCallId: call.call_sid,
        callerVerified: false,
      };
    }
    const { type: event } = parsePayload(PostCall, body);
    if (event !== "post_call_transcription") return { kind: "other", event };
    const { data } = parsePayload(Transcription, body);
    const phoneCall = data.metadata?.phone_call;
    const transcript = transcriptText(data.transcript);
    // A conversation outside a phone call (the web widget) has no caller; one where nobody spoke, no transcript.
    if (!phoneCall || !transcript) return { kind: "other", event };
    return {
      kind: "post_call",
      event,
      transcript,
      callId: data.conversation_initiation_client_data?.dynamic_variables?.call_id ?? null,
      providerCallId: phoneCall.call_sid,
      from: phoneCall.external_number,
      to: phoneCall.agent_number,
    };
  },

  answerRing: (variables) => jsonAnswer({ type: "conversation_initiation_client_data", dynamic_variables: variables }),
};
