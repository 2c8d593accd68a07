/*
 * What each telephony provider or voice-agent platform adapts (one file per provider beside this
 * one): how its webhooks are signed, what they carry, and the answer it expects. The webhook route
 * (src/mods/integration/api) does the rest the same way for all: it finds the integration, reads
 * the raw body, verifies, parses, records the call or saves the transcript through the very paths
 * of the API, answers, and writes the delivery record.
 */

import type { integrationProviders } from "../../../../db/schema";

export type ProviderName = (typeof integrationProviders)[number];

/** Which of an integration's URLs was hit: `/hooks/{provider}/{id}` or `/hooks/{provider}/{id}/post-call`. */
export type Endpoint = "ring" | "post_call";

/** A webhook request as it arrived, before anything was parsed. */
export interface WebhookRequest {
  /** The full URL as requested, query string included (Twilio signs it). */
  url: string;
  method: string;
  headers: Headers;
  /** The raw body, exactly as received: signatures are over these bytes. */
  body: Uint8Array;
  /** Now, in milliseconds since the epoch (for timestamp windows). */
  now: number;
}

/** An integration's secrets, decrypted, and its settings. */
export interface IntegrationSecrets {
  secret: string;
  webhookSecret: string | null;
  settings: Record<string, string>;
}

export type Verification =
  | { ok: true }
  /** `detail` says why in words a person can act on, and never holds a secret. */
  | { ok: false; outcome: "rejected_signature" | "rejected_stale"; detail: string };

/** A call is ringing: who calls, whom, and the provider's id for the call. */
export interface RingEvent {
  kind: "ring";
  event: string;
  from: string;
  to: string | null;
  providerCallId: string | null;
  /** The provider reports the caller's number passed STIR/SHAKEN with full attestation. */
  callerVerified: boolean;
}

/** A call ended and its transcript came. */
export interface PostCallEvent {
  kind: "post_call";
  event: string;
  transcript: string;
  /** The service's own call id, when the ring's answer handed it to the platform (Retell's metadata). */
  callId: string | null;
  providerCallId: string | null;
  /** The numbers, to record the call first when the service never saw its ring. */
  from: string | null;
  to: string | null;
}

/** Anything else the platform sends to the URL: answered 200 `{}` and recorded as `ignored`. */
export interface OtherEvent {
  kind: "other";
  event: string;
}

export type WebhookEvent = RingEvent | PostCallEvent | OtherEvent;

/** What a ring answers with, every value a string (the contract's table of variables). */
export interface CallerVariables {
  caller_status: "identified" | "withheld" | "invalid";
  caller_known: "true" | "false";
  caller_first_name: string;
  caller_last_name: string;
  caller_name: string;
  caller_email: string;
  contact_id: string;
  call_id: string;
  caller_verified: "true" | "false";
}

/** A body that cannot be read as the provider's format: answered 400, recorded as `invalid`. */
export class InvalidPayload extends Error {}

export interface Provider {
  name: ProviderName;
  /** The URLs it uses: a post-call URL of its own (ElevenLabs), the ring URL for both, or none. */
  postCall: "same_url" | "own_url" | "none";
  /** Largest body accepted on the ring URL, in bytes (64 KiB where the URL only rings, else 1 MiB). */
  maxRingBodyBytes: number;
  /** Verifies the raw request; nothing is parsed before this says ok. */
  verify(request: WebhookRequest, secrets: IntegrationSecrets, endpoint: Endpoint): Promise<Verification>;
  /** Reads a verified request; throws InvalidPayload for a body not in the provider's format. */
  parse(request: WebhookRequest, endpoint: Endpoint): WebhookEvent;
  /** The answer to a ring, in the provider's format (TwiML, dynamic variables, ...). */
  answerRing(variables: CallerVariables, event: RingEvent, settings: Record<string, string>): Response;
}
