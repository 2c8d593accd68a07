import { env } from "cloudflare:workers";

/*
 * Webhook signatures as the providers make them, for tests: through their official SDKs
 * (tools/webhook-signer.mjs, in Node, reached over WEBHOOK_SIGNER_URL) where an SDK signs or
 * verifies, with Web Crypto where none does (a Telnyx key pair; ElevenLabs per its documented
 * algorithm, its SDK not being installed).
 */

/** Twilio's parameters: a name sent several times has a list of values. */
export type TwilioParams = Record<string, string | string[]>;

async function signer<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(env.WEBHOOK_SIGNER_URL + path, { method: "POST", body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`webhook signer ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

// --- Twilio ---------------------------------------------------------------------------------

/** `x-twilio-signature` for a request to `url` with these POST parameters (none for a GET). */
export async function signTwilio(authToken: string, url: string, params: TwilioParams = {}): Promise<string> {
  return (await signer<{ signature: string }>("/twilio/sign", { authToken, url, params })).signature;
}

/** What twilio's validateRequest answers. */
export async function twilioValidates(authToken: string, signature: string, url: string, params: TwilioParams = {}) {
  return (await signer<{ valid: boolean }>("/twilio/validate", { authToken, signature, url, params })).valid;
}

/** The form body Twilio posts for these parameters (a list of values: the name repeated). */
export function twilioForm(params: TwilioParams): string {
  return new URLSearchParams(
    Object.entries(params).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v])),
  ).toString();
}

// --- Retell ---------------------------------------------------------------------------------

/** `x-retell-signature` by Retell.sign, now or (the SDK's symmetric.sign) at `timestampMs`. */
export async function signRetell(body: string, apiKey: string, timestampMs?: number): Promise<string> {
  return (await signer<{ signature: string }>("/retell/sign", { body, apiKey, timestampMs })).signature;
}

/** What Retell.verify answers (against the clock of now). */
export async function retellVerifies(body: string, apiKey: string, signature: string): Promise<boolean> {
  return (await signer<{ valid: boolean }>("/retell/verify", { body, apiKey, signature })).valid;
}

// --- Telnyx ---------------------------------------------------------------------------------

export interface TelnyxKeyPair {
  /** base64 of the 32 raw bytes, as Telnyx's portal shows it: the integration's secret. */
  publicKey: string;
  privateKey: CryptoKey;
}

export async function makeTelnyxKeyPair(): Promise<TelnyxKeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { publicKey: base64(raw), privateKey: pair.privateKey };
}

/** Telnyx's headers for `body`: the Ed25519 signature of `<timestamp>|<body>` (timestamp: unix s, now by default). */
export async function signTelnyx(
  keyPair: TelnyxKeyPair,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
): Promise<{ "telnyx-signature-ed25519": string; "telnyx-timestamp": string }> {
  const data = new TextEncoder().encode(`${timestamp}|${body}`);
  const signature = new Uint8Array(await crypto.subtle.sign("Ed25519", keyPair.privateKey, data));
  return { "telnyx-signature-ed25519": base64(signature), "telnyx-timestamp": timestamp };
}

/** What the telnyx SDK's TelnyxWebhook.verify answers (against the clock of now), and why it refused. */
export async function telnyxVerifies(
  body: string,
  headers: { "telnyx-signature-ed25519": string; "telnyx-timestamp": string },
  publicKey: string,
) {
  return signer<{ valid: boolean; error?: string }>("/telnyx/verify", {
    body,
    signature: headers["telnyx-signature-ed25519"],
    timestamp: headers["telnyx-timestamp"],
    publicKey,
  });
}

// --- ElevenLabs -----------------------------------------------------------------------------

/** `elevenlabs-signature`: `t=<unix s>,v0=<hex HMAC-SHA256(secret, "<t>.<body>")>` (t: now by default). */
export async function signElevenLabs(body: string, webhookSecret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(webhookSecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`)));
  return `t=${timestamp},v0=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}
