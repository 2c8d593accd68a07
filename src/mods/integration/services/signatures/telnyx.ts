/*
 * Telnyx: `telnyx-signature-ed25519` is the base64 Ed25519 signature of `<telnyx-timestamp>|<raw
 * body>` under the account's public key, the timestamp (unix s) within 5 minutes of now either way.
 * As `TelnyxWebhook.verify` of the `telnyx` package (7.24) checks it: key and signature in strict,
 * padded base64 (32 and 64 bytes), the timestamp digits only, a safe integer, signed as received.
 */
import type { Verification, WebhookRequest } from "../providers/provider";
import { accepted, concatBytes, decodeBase64, distance, missingHeader, rejected, stale } from "./common";

const WINDOW_SECONDS = 300;

export async function verifyTelnyx(request: WebhookRequest, publicKeyBase64: string): Promise<Verification> {
  const header = request.headers.get("telnyx-signature-ed25519");
  if (!header) return missingHeader("telnyx-signature-ed25519", "Telnyx");
  const timestamp = request.headers.get("telnyx-timestamp");
  if (!timestamp) return missingHeader("telnyx-timestamp", "Telnyx");

  const publicKey = decodeBase64(publicKeyBase64);
  if (publicKey?.length !== 32) {
    return rejected(
      "the integration's secret is not a Telnyx public key: set it to the public key Telnyx's portal shows (base64 of 32 bytes)",
    );
  }
  const signature = decodeBase64(header);
  if (signature?.length !== 64 || !/^\d+$/.test(timestamp) || !Number.isSafeInteger(Number(timestamp))) {
    return rejected(
      "telnyx-signature-ed25519 or telnyx-timestamp is not in Telnyx's format (base64 of 64 bytes; unix seconds)",
    );
  }
  if (!(await ed25519Verifies(publicKey, signature, concatBytes(`${timestamp}|`, request.body)))) {
    return rejected(
      "signature does not match the body: check that the integration's secret is the public key of the Telnyx account " +
        "that sends these webhooks, and that nothing between Telnyx and the service rewrites the body",
    );
  }
  const offset = Number(timestamp) - Math.floor(request.now / 1000);
  if (Math.abs(offset) > WINDOW_SECONDS) {
    return stale(
      `signed ${distance(offset * 1000)} ${offset < 0 ? "ago" : "ahead of the service's clock"} (at most 5 minutes allowed): ` +
        "a replayed request, or a clock that is far off",
    );
  }
  return accepted;
}

/** False, never a throw, for a key that is no Ed25519 point. */
async function ed25519Verifies(
  publicKey: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
) {
  try {
    const key = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify("Ed25519", key, signature, data);
  } catch {
    return false;
  }
}
