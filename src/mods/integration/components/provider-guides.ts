/*
 * What the screens say about each provider, in one place: its name, the secret it gives and where,
 * the settings it needs, and the steps in its console that send its webhooks here.
 * In `steps`, **text** names something on the provider's screen (shown in bold).
 */
import type { z } from "zod";
import type { DeliverySchema, Integration } from "../types/integration";

export type Provider = Integration["provider"];
export type Delivery = z.infer<typeof DeliverySchema>;

export interface SecretText {
  /** The field's label: the provider's own name for it. */
  label: string;
  /** The label of the field that replaces it. */
  newLabel: string;
  /** Where to find it, or what to make it. */
  hint: string;
}

export interface ProviderGuide {
  name: string;
  /** A few words under the name in the picker. */
  kind: string;
  secret: SecretText;
  /** ElevenLabs only: the post-call webhook's HMAC secret, optional when connecting. */
  webhookSecret?: SecretText;
  /** Labels of the URLs to paste; one label when ring and post-call are the same URL. */
  urls: { ring: string; postCall?: string };
  /** What the console calls for, in order. */
  steps: string[];
}

export const providerOrder: Provider[] = ["twilio", "retell", "vapi", "elevenlabs", "telnyx"];

export const providerGuides: Record<Provider, ProviderGuide> = {
  twilio: {
    name: "Twilio",
    kind: "Phone numbers",
    secret: {
      label: "Auth Token",
      newLabel: "New Auth Token",
      hint: "Twilio Console → Account Info. Twilio signs every webhook with it.",
    },
    urls: { ring: "Ring URL" },
    steps: [
      "In the Twilio Console open **Phone Numbers → Manage → Active numbers** and pick the number.",
      "Under **Voice Configuration**, set **A call comes in** to **Webhook**, paste the ring URL and choose **HTTP POST**. Save.",
      "Keep the Auth Token here the account's current one (**Account Info** in the Console): after a rotation in Twilio, replace it here too.",
      "Twilio signs the exact URL it calls. If a proxy in front of this service changes the scheme, host or port, the deliveries below say the signature does not match and name the URL it was checked against.",
    ],
  },
  retell: {
    name: "Retell",
    kind: "Voice agents",
    secret: {
      label: "Retell API key",
      newLabel: "New Retell API key",
      hint: "The API key with webhook rights (API Keys in the Retell dashboard): Retell signs its webhooks with it.",
    },
    urls: { ring: "Webhook URL" },
    steps: [
      "In the Retell dashboard open **Phone Numbers**, pick the number and set its **Inbound Webhook URL** to the webhook URL.",
      "Open the agent that answers it and set the agent's **Webhook URL** to the same URL: its **call_ended** and **call_analyzed** events bring the transcript here.",
      "The secret is the Retell API key with webhook rights, marked as such under **API Keys**.",
    ],
  },
  vapi: {
    name: "Vapi",
    kind: "Voice agents",
    secret: {
      label: "Server URL secret",
      newLabel: "New Server URL secret",
      hint: "A long random string of your choice: set the same one as the Server URL secret in Vapi.",
    },
    urls: { ring: "Server URL" },
    steps: [
      "In the Vapi dashboard open **Phone Numbers**, pick the number and clear its **Assistant**, so that Vapi asks here with an **assistant-request**.",
      "Set the number's **Server URL** to the URL above (or the organization's Server URL, for every number) and its **Server URL secret** to the secret given here: Vapi sends it as **x-vapi-secret**.",
      "The assistant whose id you gave here answers. Leave its own Server URL empty (or set it to this URL) and keep **end-of-call-report** among its server messages: the transcript comes back here.",
    ],
  },
  elevenlabs: {
    name: "ElevenLabs",
    kind: "Voice agents",
    secret: {
      label: "Request header secret",
      newLabel: "New request header secret",
      hint: "A long random string of your choice: ElevenLabs sends it in the x-webhook-secret header.",
    },
    webhookSecret: {
      label: "Post-call webhook secret",
      newLabel: "New post-call webhook secret",
      hint: "The HMAC secret ElevenLabs shows when you create the post-call webhook: transcripts are refused until it is set.",
    },
    urls: { ring: "Ring URL", postCall: "Post-call URL" },
    steps: [
      "In ElevenLabs Agents open **Settings** and add the conversation initiation webhook: the ring URL, with the secret given here as the request header **x-webhook-secret** (or **Authorization: Bearer …**).",
      "On the agent's **Security** tab, enable fetching the conversation initiation client data from the webhook for inbound calls.",
      "Back in **Settings**, turn on the workspace **Post-call webhook** with the post-call URL (transcription events), and give its HMAC secret here as the post-call webhook secret.",
    ],
  },
  telnyx: {
    name: "Telnyx",
    kind: "Numbers, AI assistants",
    secret: {
      label: "Public key",
      newLabel: "New public key",
      hint: "Mission Control Portal → Keys & Credentials → Public Key, as shown (base64).",
    },
    urls: { ring: "Ring URL" },
    steps: [
      "In the Mission Control Portal open **AI Assistants**, pick the assistant and set its **Dynamic Variables Webhook URL** to the ring URL: Telnyx calls it as each conversation starts.",
      "Or, for a number on Call Control: set the Call Control application's **Webhook URL** to the ring URL (incoming **call.initiated** events).",
      "The secret is the account's public key: **Keys & Credentials → Public Key**.",
    ],
  },
};

/** Twilio's two ways on after the ring: exactly one is set. */
export const twilioModes = {
  stream_url: {
    label: "Connect to a media stream",
    field: "Media stream URL",
    placeholder: "wss://agent.example.com/media",
    hint: "Your voice agent's WebSocket (wss://…): the caller's details arrive as stream parameters.",
  },
  redirect_url: {
    label: "Redirect to your TwiML",
    field: "Redirect URL",
    placeholder: "https://example.com/twiml",
    hint: "Your TwiML endpoint (https://…): Twilio goes on to it with the caller's details as query parameters.",
  },
} as const;

export type TwilioMode = keyof typeof twilioModes;

export const vapiAssistant = {
  field: "Assistant ID",
  hint: "The Vapi assistant that answers: the caller's details reach it as variable values.",
};

/** Words for a delivery's kind and outcome; `tone` picks the badge's colour. */
export const deliveryKinds: Record<Delivery["kind"], string> = { ring: "Ring", post_call: "Post-call", other: "Other" };

export const deliveryOutcomes: Record<Delivery["outcome"], { label: string; tone: "ok" | "muted" | "warn" | "bad" }> = {
  accepted: { label: "Accepted", tone: "ok" },
  duplicate: { label: "Duplicate", tone: "muted" },
  ignored: { label: "Ignored", tone: "muted" },
  rejected_signature: { label: "Signature rejected", tone: "bad" },
  rejected_stale: { label: "Too old", tone: "bad" },
  invalid: { label: "Invalid", tone: "warn" },
  error: { label: "Error", tone: "bad" },
};
