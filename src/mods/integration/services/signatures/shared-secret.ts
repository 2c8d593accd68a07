/*
 * Vapi (`x-vapi-secret`) and the ElevenLabs ring (`x-webhook-secret`): the secret itself in that
 * header, or as `authorization: Bearer <secret>`. Compared in constant time through SHA-256.
 */
import type { Verification, WebhookRequest } from "../providers/provider";
import { accepted, rejected, sameSecret } from "./common";

export async function verifySharedSecret(
  request: WebhookRequest,
  secret: string,
  headerName: string,
): Promise<Verification> {
  const bearer = /^bearer +(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const given = [request.headers.get(headerName), bearer].filter((value): value is string => !!value);
  if (given.length === 0) {
    return rejected(
      `the ${headerName} header (or authorization: Bearer) is missing: set the secret on the platform's side`,
    );
  }
  if (!secret) return rejected("the integration has no secret: set it to the one the platform sends");
  // Both compared, always: which of them matched does not show in the time taken.
  const matches = await Promise.all(given.map((value) => sameSecret(value, secret)));
  if (matches.includes(true)) return accepted;
  return rejected(
    `the ${given.length > 1 ? `${headerName} header and the bearer token do` : `${bearer ? "bearer token" : `${headerName} header`} does`} ` +
      "not match the integration's secret: set the same secret on both sides",
  );
}
