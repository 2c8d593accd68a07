/*
 * ElevenLabs post-call: `elevenlabs-signature: t=<unix s>,v0=<hex HMAC-SHA256(webhook secret,
 * "<t>.<raw body>")>`. As `webhooks.constructEvent` of `@elevenlabs/elevenlabs-js` (2.73) reads it:
 * the first comma-separated part starting `t=` and the first starting `v0=`, the digest in
 * lowercase hex, and `t` at most 30 minutes old. Stricter than the SDK where the contract says so:
 * `t` at most 5 minutes ahead (the SDK sets no limit ahead; a request ElevenLabs signs now always
 * passes), and `t` must be digits (ElevenLabs only sends those).
 */
import type { Verification, WebhookRequest } from "../providers/provider";
import {
  accepted,
  concatBytes,
  decodeHex,
  distance,
  hmacKey,
  hmacVerifies,
  missingHeader,
  rejected,
  stale,
} from "./common";

const MAX_AGE_MS = 30 * 60 * 1000;
const MAX_AHEAD_MS = 5 * 60 * 1000;

export async function verifyElevenLabsPostCall(request: WebhookRequest, webhookSecret: string): Promise<Verification> {
  const header = request.headers.get("elevenlabs-signature");
  if (!header) return missingHeader("elevenlabs-signature", "ElevenLabs");
  if (!webhookSecret) {
    return rejected(
      "the integration has no webhook secret: set it to the HMAC secret of ElevenLabs' post-call webhook",
    );
  }

  const parts = header.split(",");
  const timestamp = parts.find((part) => part.startsWith("t="))?.slice(2) ?? "";
  const mac = decodeHex(parts.find((part) => part.startsWith("v0="))?.slice(3) ?? "", 32);
  if (!/^\d+$/.test(timestamp) || !mac) {
    return rejected("elevenlabs-signature is not in ElevenLabs' format t=<unix seconds>,v0=<64 lowercase hex digits>");
  }
  const key = await hmacKey(webhookSecret, "SHA-256");
  if (!(await hmacVerifies(key, mac, concatBytes(`${timestamp}.`, request.body)))) {
    return rejected(
      "signature does not match the body: check that the integration's webhook secret is the HMAC secret ElevenLabs " +
        "shows for this post-call webhook, and that nothing between ElevenLabs and the service rewrites the body",
    );
  }
  const age = request.now - Number(timestamp) * 1000;
  if (age > MAX_AGE_MS) {
    return stale(
      `signed ${distance(age)} ago (at most 30 minutes allowed): a replayed request, or a clock that is far off`,
    );
  }
  if (-age > MAX_AHEAD_MS) {
    return stale(`signed ${distance(-age)} ahead of now (at most 5 minutes allowed): a clock that is far off`);
  }
  return accepted;
}
