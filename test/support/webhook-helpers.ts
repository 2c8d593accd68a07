import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { app } from "../../src/app";
import { BASE, expectJson, freshCallId, request, type Tenant } from "./helpers";
import {
  makeTelnyxKeyPair,
  signElevenLabs,
  signRetell,
  signTelnyx,
  signTwilio,
  type TelnyxKeyPair,
  type TwilioParams,
  twilioForm,
} from "./webhook-signer";

/*
 * Helpers of the webhook tests (test/integration/webhooks-*.test.ts): an integration of each
 * provider made through the API, requests signed the provider's way (the official SDKs where they
 * sign, test/support/webhook-signer.ts) with the payloads each platform documents, the caller's
 * variables read back from each provider's answer, and what a request left behind (the delivery
 * records, the organization's calls and contacts).
 */

export const PROVIDERS = ["twilio", "retell", "vapi", "elevenlabs", "telnyx"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** The one message every refused signature answers with, whatever failed. */
export const REJECTED = "the webhook's signature does not verify";

/** The number every ring calls, unless a test names another. */
export const CALLED = "+15557654321";

/** An integration made through the API, with what a test needs to sign its webhooks. */
export interface Hook {
  tenant: Tenant;
  id: string;
  provider: ProviderName;
  /** The secret as the platform knows it (Telnyx: the public key's base64). */
  secret: string;
  /** ElevenLabs' post-call HMAC secret. */
  webhookSecret: string | null;
  /** Telnyx: the key pair whose public key is the secret. */
  keyPair: TelnyxKeyPair | null;
  settings: Record<string, string>;
  /** `/hooks/{provider}/{id}`, and ElevenLabs' `/post-call` beside it. */
  path: string;
  postCallPath: string;
  /** How many requests `deliver` sent it: each must leave one delivery record. Shared by its rotations. */
  sent: { count: number };
}

const randomSecret = (prefix: string) => `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;

/** What the platform holds for an integration: a new one at every call (a rotation). */
async function credentials(provider: ProviderName) {
  if (provider === "telnyx") {
    const keyPair = await makeTelnyxKeyPair();
    return { secret: keyPair.publicKey, keyPair };
  }
  return { secret: randomSecret(provider), keyPair: null };
}

const DEFAULT_SETTINGS: Record<ProviderName, Record<string, string>> = {
  twilio: { stream_url: "wss://agent.example.com/media" },
  retell: {},
  vapi: { assistant_id: "asst_0123456789" },
  elevenlabs: {},
  telnyx: {},
};

/** Connects the provider for the tenant (POST /api/integrations as its owner). */
export async function connect(
  tenant: Tenant,
  provider: ProviderName,
  settings: Record<string, string> = DEFAULT_SETTINGS[provider],
): Promise<Hook> {
  const { secret, keyPair } = await credentials(provider);
  const webhookSecret = provider === "elevenlabs" ? randomSecret("wsec") : null;
  const created = await expectJson(
    tenant.owner,
    "POST",
    "/api/integrations",
    { provider, name: `${provider} line`, secret, settings, ...(webhookSecret && { webhook_secret: webhookSecret }) },
    201,
  );
  const path = `/hooks/${provider}/${created.id}`;
  return {
    tenant,
    id: created.id,
    provider,
    secret,
    webhookSecret,
    keyPair,
    settings,
    path,
    postCallPath: `${path}/post-call`,
    sent: { count: 0 },
  };
}

/** Rotates the integration's secret (PUT /api/integrations/{id} {secret}); answers the hook as it now is. */
export async function rotateSecret(hook: Hook): Promise<Hook> {
  const { secret, keyPair } = await credentials(hook.provider);
  await expectJson(hook.tenant.owner, "PUT", `/api/integrations/${hook.id}`, { secret }, 200);
  return { ...hook, secret, keyPair };
}

// --- Requests as the platforms send them ----------------------------------------------------

/** A webhook request, built (and signed) but not sent: a test may still tamper with it. */
export interface HookRequest {
  /** The integration it is for: sending it counts one more request that must leave a delivery record. */
  hook: Hook;
  method: "GET" | "POST";
  /** Path and query, on BASE. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends it to the Worker as the platform would. */
export function deliver(r: HookRequest) {
  r.hook.sent.count++;
  return request(r.path, { method: r.method, headers: r.headers, body: r.body });
}

/** How to sign: another secret or key pair than the integration's, at another time (ms since the epoch). */
export interface SignOptions {
  secret?: string;
  keyPair?: TelnyxKeyPair;
  at?: number;
  /** Shared secrets (Vapi, the ElevenLabs ring): in the provider's header (default) or as a bearer token. */
  via?: "header" | "bearer";
}

/** A body sent as these exact characters, not as JSON of a value (a malformed body, say). */
export class RawBody {
  constructor(readonly text: string) {}
}
const bodyOf = (payload: unknown) => (payload instanceof RawBody ? payload.text : JSON.stringify(payload));

const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };

/**
 * Twilio's request, signed by the twilio SDK over the URL the test requests (BASE + path + query)
 * or `signedUrl`. POST: the fields as a form; GET: the fields in the query, signed as part of the URL.
 */
export async function twilioRequest(
  hook: Hook,
  params: TwilioParams,
  options: SignOptions & { method?: "GET" | "POST"; query?: string; signedUrl?: string } = {},
): Promise<HookRequest> {
  const secret = options.secret ?? hook.secret;
  if (options.method === "GET") {
    const path = `${hook.path}?${options.query ? `${options.query}&` : ""}${twilioForm(params)}`;
    const signature = await signTwilio(secret, options.signedUrl ?? BASE + path);
    return { hook, method: "GET", path, headers: { "x-twilio-signature": signature } };
  }
  const path = hook.path + (options.query ? `?${options.query}` : "");
  const signature = await signTwilio(secret, options.signedUrl ?? BASE + path, params);
  return {
    hook,
    method: "POST",
    path,
    headers: { ...FORM_TYPE, "x-twilio-signature": signature },
    body: twilioForm(params),
  };
}

/** Retell's request: `x-retell-signature` by the retell-sdk (now, or at `at`). */
export async function retellRequest(hook: Hook, payload: unknown, options: SignOptions = {}): Promise<HookRequest> {
  const body = bodyOf(payload);
  const signature = await signRetell(body, options.secret ?? hook.secret, options.at);
  return { hook, method: "POST", path: hook.path, headers: { ...JSON_TYPE, "x-retell-signature": signature }, body };
}

function sharedSecretRequest(
  hook: Hook,
  header: string,
  secret: string,
  payload: unknown,
  options: SignOptions,
): HookRequest {
  const auth: Record<string, string> =
    options.via === "bearer" ? { authorization: `Bearer ${secret}` } : { [header]: secret };
  return {
    hook,
    method: "POST" as const,
    path: hook.path,
    headers: { ...JSON_TYPE, ...auth },
    body: bodyOf(payload),
  };
}

/** Vapi's request: the server URL secret in `x-vapi-secret` (or as a bearer token). */
export const vapiRequest = async (hook: Hook, payload: unknown, options: SignOptions = {}): Promise<HookRequest> =>
  sharedSecretRequest(hook, "x-vapi-secret", options.secret ?? hook.secret, payload, options);

/** ElevenLabs' conversation initiation request: its secret in `x-webhook-secret` (or as a bearer token). */
export const elevenLabsRingRequest = async (
  hook: Hook,
  payload: unknown,
  options: SignOptions = {},
): Promise<HookRequest> =>
  sharedSecretRequest(hook, "x-webhook-secret", options.secret ?? hook.secret, payload, options);

/** ElevenLabs' post-call request, on its own URL: `elevenlabs-signature` with the webhook secret. */
export async function elevenLabsPostCallRequest(
  hook: Hook,
  payload: unknown,
  options: SignOptions = {},
): Promise<HookRequest> {
  const body = bodyOf(payload);
  const at = Math.floor((options.at ?? Date.now()) / 1000);
  const signature = await signElevenLabs(body, options.secret ?? hook.webhookSecret!, at);
  return {
    hook,
    method: "POST",
    path: hook.postCallPath,
    headers: { ...JSON_TYPE, "elevenlabs-signature": signature },
    body,
  };
}

/** Telnyx's request: Ed25519 over `<timestamp>|<body>` with the integration's key pair (or another). */
export async function telnyxRequest(hook: Hook, payload: unknown, options: SignOptions = {}): Promise<HookRequest> {
  const body = bodyOf(payload);
  const at = String(Math.floor((options.at ?? Date.now()) / 1000));
  const headers = await signTelnyx(options.keyPair ?? hook.keyPair!, body, at);
  return { hook, method: "POST", path: hook.path, headers: { ...JSON_TYPE, ...headers }, body };
}

// --- The platforms' payloads ----------------------------------------------------------------

export interface RingInput {
  /** The caller as the platform sends it; undefined leaves the field out. */
  from?: string;
  to?: string;
  /** The provider's id for the call (fresh when not given). */
  callId?: string;
}

/** Twilio's fields for an incoming call (https://www.twilio.com/docs/usage/webhooks/voice-webhooks). */
export function twilioCall({ from = "", to = CALLED, callId = freshCallId() }: RingInput, extra: TwilioParams = {}) {
  return {
    AccountSid: "AC0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    ApiVersion: "2010-04-01",
    CallSid: callId,
    CallStatus: "ringing",
    Direction: "inbound",
    From: from,
    Caller: from,
    To: to,
    Called: to,
    ...extra,
  } as TwilioParams;
}

/** Retell's inbound call webhook (https://docs.retellai.com/features/inbound-call-webhook). */
export const retellInbound = ({ from, to = CALLED, callId = freshCallId() }: RingInput) => ({
  event: "call_inbound",
  call_inbound: { agent_id: "agent_0123", from_number: from, to_number: to, call_id: callId },
});

/** Retell's call_ended / call_analyzed (https://docs.retellai.com/features/webhook-overview). */
export function retellCallEvent(
  event: string,
  call: { callId: string; transcript?: string; from?: string; to?: string; metadata?: Record<string, unknown> },
) {
  return {
    event,
    call: {
      call_type: "phone_call",
      direction: "inbound",
      agent_id: "agent_0123",
      call_id: call.callId,
      call_status: "ended",
      from_number: call.from,
      to_number: call.to ?? CALLED,
      metadata: call.metadata ?? {},
      transcript: call.transcript,
      start_timestamp: Date.now() - 60_000,
      end_timestamp: Date.now(),
    },
  };
}

/** Vapi's assistant-request (https://docs.vapi.ai/server-url/events). */
export const vapiAssistantRequest = ({ from, to = CALLED, callId = freshCallId() }: RingInput) => ({
  message: {
    type: "assistant-request",
    call: { id: callId, type: "inboundPhoneCall", orgId: "org_0123" },
    customer: from === undefined ? {} : { number: from },
    phoneNumber: { id: "pn_0123", number: to },
  },
});

/** Vapi's end-of-call-report (https://docs.vapi.ai/server-url/end-of-call-report). */
export const vapiEndOfCall = (call: { callId: string; transcript: string; from?: string; to?: string }) => ({
  message: {
    type: "end-of-call-report",
    endedReason: "customer-ended-call",
    call: { id: call.callId, type: "inboundPhoneCall" },
    customer: call.from === undefined ? {} : { number: call.from },
    phoneNumber: { number: call.to ?? CALLED },
    artifact: { transcript: call.transcript, messages: [] },
  },
});

/** ElevenLabs' conversation initiation webhook for an inbound Twilio call. */
export const elevenLabsInitiation = ({ from, to = CALLED, callId = freshCallId() }: RingInput) => ({
  caller_id: from,
  agent_id: "agent_0123",
  called_number: to,
  call_sid: callId,
});

/** ElevenLabs' post_call_transcription (https://elevenlabs.io/docs/conversational-ai/workflows/post-call-webhooks). */
export function elevenLabsTranscription(call: {
  callId: string;
  turns: { role: "agent" | "user"; message: string | null }[];
  from?: string;
  to?: string;
}) {
  return {
    type: "post_call_transcription",
    event_timestamp: Math.floor(Date.now() / 1000),
    data: {
      agent_id: "agent_0123",
      conversation_id: `conv_${crypto.randomUUID()}`,
      status: "done",
      transcript: call.turns.map((turn, i) => ({ ...turn, time_in_call_secs: i * 5 })),
      metadata: {
        start_time_unix_secs: Math.floor(Date.now() / 1000) - 60,
        phone_call: {
          direction: "inbound",
          phone_number_id: "pn_0123",
          agent_number: call.to ?? CALLED,
          external_number: call.from,
          type: "twilio",
          call_sid: call.callId,
        },
      },
      analysis: { call_successful: "success", transcript_summary: "" },
    },
  };
}

/** Telnyx's envelope around an event's payload. */
export const telnyxEvent = (eventType: string, payload: Record<string, unknown>) => ({
  data: {
    record_type: "event",
    event_type: eventType,
    id: crypto.randomUUID(),
    occurred_at: new Date().toISOString(),
    payload,
  },
  meta: { attempt: 1, delivered_to: "https://example.com" },
});

/** An AI assistant's dynamic variables webhook (https://developers.telnyx.com/docs/inference/ai-assistants/dynamic-variables). */
export const telnyxAssistantInitialization = (
  { from, to = CALLED, callId = freshCallId() }: RingInput,
  extra: Record<string, unknown> = {},
) =>
  telnyxEvent("assistant.initialization", {
    telnyx_conversation_channel: "phone_call",
    telnyx_agent_target: to,
    telnyx_end_user_target: from,
    call_control_id: callId,
    assistant_id: "assistant-0123",
    ...extra,
  });

/** A Call Control application's call.initiated (the telnyx SDK's CallInitiated). */
export const telnyxCallInitiated = (
  { from, to = CALLED, callId = freshCallId() }: RingInput,
  extra: Record<string, unknown> = {},
) =>
  telnyxEvent("call.initiated", {
    call_control_id: callId,
    call_leg_id: crypto.randomUUID(),
    call_session_id: crypto.randomUUID(),
    connection_id: "1234567890",
    direction: "incoming",
    from,
    to,
    state: "parked",
    ...extra,
  });

/** The ring each provider sends, signed (Telnyx: its assistant's dynamic variables webhook). */
export function ringRequest(hook: Hook, input: RingInput, options: SignOptions = {}): Promise<HookRequest> {
  switch (hook.provider) {
    case "twilio":
      return twilioRequest(hook, twilioCall(input), options);
    case "retell":
      return retellRequest(hook, retellInbound(input), options);
    case "vapi":
      return vapiRequest(hook, vapiAssistantRequest(input), options);
    case "elevenlabs":
      return elevenLabsRingRequest(hook, elevenLabsInitiation(input), options);
    case "telnyx":
      return telnyxRequest(hook, telnyxAssistantInitialization(input), options);
  }
}

/** Rings and expects a 200; answers the caller's variables read from the provider's answer. */
export async function expectRingAnswer(hook: Hook, input: RingInput, options: SignOptions = {}) {
  return variablesOf(hook.provider, await deliver(await ringRequest(hook, input, options)));
}

// --- The answers ----------------------------------------------------------------------------

export type Variables = Record<string, string>;

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
export const xmlUnescape = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name) => XML_ENTITIES[name]!);

/** Twilio's <Stream>'s parameters, in order, unescaped. */
export function streamParameters(twiml: string): Variables {
  const parameters = [...twiml.matchAll(/<Parameter name="([^"]*)" value="([^"]*)"\/>/g)];
  return Object.fromEntries(parameters.map(([, name, value]) => [xmlUnescape(name!), xmlUnescape(value!)]));
}

/** The caller's variables from a ring's 200 answer, in the provider's shape (checked on the way). */
export async function variablesOf(provider: ProviderName, res: Response): Promise<Variables> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  if (provider === "twilio") {
    expect(res.headers.get("content-type")).toBe("text/xml");
    return streamParameters(text);
  }
  const body = JSON.parse(text);
  switch (provider) {
    case "retell":
      expect(body).toEqual({
        call_inbound: {
          dynamic_variables: expect.any(Object),
          metadata: { call_id: body.call_inbound.dynamic_variables.call_id },
        },
      });
      return body.call_inbound.dynamic_variables;
    case "vapi":
      expect(body).toEqual({
        assistantId: expect.any(String),
        assistantOverrides: { variableValues: expect.any(Object) },
      });
      return body.assistantOverrides.variableValues;
    case "elevenlabs":
      expect(body).toEqual({ type: "conversation_initiation_client_data", dynamic_variables: expect.any(Object) });
      return body.dynamic_variables;
    case "telnyx":
      expect(body).toEqual({ dynamic_variables: expect.any(Object) });
      return body.dynamic_variables;
  }
}

/** The variables of a caller the organization does not know by name. */
export const unknownCaller = (status: "identified" | "withheld" | "invalid") => ({
  caller_status: status,
  caller_known: "false",
  caller_first_name: "",
  caller_last_name: "",
  caller_name: "",
  caller_email: "",
  caller_verified: "false",
});

// --- What a request left behind -------------------------------------------------------------

export interface DeliveryRecord {
  id: string;
  received_at: string;
  kind: "ring" | "post_call" | "other";
  event: string;
  outcome: string;
  detail: string;
  call_id: string | null;
}

/** How many delivery records the integration has (straight from D1). */
export async function deliveryCount(hook: Hook): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM integration_delivery WHERE integration_id = ?")
    .bind(hook.id)
    .first<{ n: number }>();
  return row!.n;
}

/** A page of the integration's deliveries (GET /api/integrations/{id}/deliveries as its owner). */
export const deliveriesPage = (hook: Hook, query = "") =>
  expectJson<{ data: DeliveryRecord[]; next_cursor: string | null }>(
    hook.tenant.owner,
    "GET",
    `/api/integrations/${hook.id}/deliveries${query}`,
    undefined,
    200,
  );

/**
 * Waits until every request sent to the integration has left its delivery record (they are
 * written after the answer, with waitUntil), then answers them, newest first.
 */
export async function deliveriesOnceWritten(hook: Hook): Promise<DeliveryRecord[]> {
  await expect.poll(() => deliveryCount(hook), { timeout: 5_000, interval: 20 }).toBe(hook.sent.count);
  return (await deliveriesPage(hook, "?limit=200")).data;
}

/** The record of the request sent last, once written. */
export async function latestDelivery(hook: Hook): Promise<DeliveryRecord> {
  return (await deliveriesOnceWritten(hook))[0]!;
}

/** How many calls and contacts the organization has (straight from D1). */
export async function organizationCounts(organizationId: string) {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM call WHERE organization_id = ?1) AS calls,
            (SELECT count(*) FROM contact WHERE organization_id = ?1) AS contacts`,
  )
    .bind(organizationId)
    .first<{ calls: number; contacts: number }>();
  return row!;
}

/** The organization's call with this provider call id (GET /api/calls?provider_call_id=…), which must be one. */
export async function callByProviderId(tenant: Tenant, providerCallId: string) {
  const page = await expectJson(
    tenant.owner,
    "GET",
    `/api/calls?provider_call_id=${encodeURIComponent(providerCallId)}`,
    undefined,
    200,
  );
  expect(page.data).toHaveLength(1);
  return page.data[0];
}

// --- Straight through the app ---------------------------------------------------------------

/**
 * A webhook request straight through the app with some bindings replaced (a D1 that counts).
 * Answers the response as soon as the app answers, and `settled`, which resolves once what the
 * request left to waitUntil (its delivery record) is done.
 */
export async function deliverWithBindings(bindings: { [Name in keyof Env]?: unknown }, r: HookRequest) {
  r.hook.sent.count++;
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(BASE + r.path, { method: r.method, headers: r.headers, body: r.body }),
    { ...env, ...bindings },
    ctx,
  );
  return { res, settled: waitOnExecutionContext(ctx) };
}
