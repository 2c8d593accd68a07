/*
 * Retell: `x-retell-signature: v=<unix ms>,d=<hex HMAC-SHA256(API key, raw body + v)>`, v within
 * 5 minutes of now either way. Exactly what `Retell.verify` of `retell-sdk` (5.66) accepts: the
 * whole header matches /^v=(\d+),d=([0-9a-f]+)$/i, d is 64 hex digits in any case, v a safe
 * integer, signed as the number it reads (leading zeros dropped), 5 minutes inclusive.
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

const WINDOW_MS = 5 * 60 * 1000;

export async function verifyRetell(request: WebhookRequest, apiKey: string): Promise<Verification> {
  const header = request.headers.get("x-retell-signature");
  if (!header) return missingHeader("x-retell-signature", "Retell");
  if (!apiKey) return rejected("the integration has no secret: set it to a Retell API key with webhook rights");

  const match = /^v=(\d+),d=([0-9a-f]+)$/i.exec(header);
  const timestamp = Number(match?.[1]);
  const mac = match && decodeHex(match[2]!, 32, true);
  if (!mac || !Number.isSafeInteger(timestamp)) {
    return rejected("x-retell-signature is not in Retell's format v=<unix ms>,d=<64 hex digits>");
  }
  const key = await hmacKey(apiKey, "SHA-256");
  if (!(await hmacVerifies(key, mac, concatBytes(request.body, String(timestamp))))) {
    return rejected(
      "signature does not match the body: check that the integration's secret is the Retell API key with webhook rights " +
        "(Retell signs with that key), and that nothing between Retell and the service rewrites the body",
    );
  }
  const offset = timestamp - request.now;
  if (Math.abs(offset) > WINDOW_MS) {
    return stale(
      `signed ${distance(offset)} ${offset < 0 ? "ago" : "ahead of the service's clock"} (at most 5 minutes allowed): ` +
        "a replayed request, or a clock that is far off",
    );
  }
  return accepted;
}
