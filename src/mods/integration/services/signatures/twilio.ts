import { hex } from "../../../../lib/hex";
/*
 * Twilio: `x-twilio-signature` is base64 HMAC-SHA1, keyed with the Auth Token, of the URL Twilio
 * requested followed by the POST parameters sorted by name, each as name then value. Accepted is
 * exactly what `validateRequest(authToken, signature, url, params)` of the `twilio` package
 * (6.3) accepts, for form and GET webhooks:
 * - the URL with and without its port (`:443`/`:80` added when it has none), then the same for the
 *   URL as `new URL()` serializes it, each also with its query re-encoded as Node's legacy
 *   querystring does;
 * - a parameter sent several times counts once per distinct value, values sorted.
 * Every byte of the body is signed: a body that is not a form is refused unless the URL carries
 * Twilio's `bodySHA256` (its JSON variant: the URL signed alone, the body's SHA-256 in the query).
 */
import type { Verification, WebhookRequest } from "../providers/provider";
import {
  accepted,
  concatBytes,
  decodeBase64,
  encodeBase64,
  hmacKey,
  hmacVerifies,
  missingHeader,
  rejected,
} from "./common";
import { legacyQuerystring } from "./legacy-querystring";

export async function verifyTwilio(request: WebhookRequest, authToken: string): Promise<Verification> {
  const header = request.headers.get("x-twilio-signature");
  if (!header) return missingHeader("x-twilio-signature", "Twilio");
  if (!authToken) return rejected("the integration has no Auth Token: set it to the account's Auth Token");

  const params = await signedParams(request);
  if ("unsigned" in params) return rejected(params.unsigned);

  // The SDK compares base64 strings: only the canonical encoding of 20 bytes can match.
  const mac = decodeBase64(header);
  if (mac?.length !== 20 || encodeBase64(mac) !== header) return mismatch(request);
  const key = await hmacKey(authToken, "SHA-1");
  for (const url of candidateUrls(request.url)) {
    if (await hmacVerifies(key, mac, concatBytes(url, params.signed))) return accepted;
  }
  return mismatch(request);
}

function mismatch(request: WebhookRequest): Verification {
  const settings = request.headers.get("x-twilio-webhooks-signature-settings");
  const sharedKey = settings
    ? ` (Twilio signed it with a SharedKey, x-twilio-webhooks-signature-settings: ${settings}; the integration checks the Auth Token signature)`
    : "";
  return rejected(
    `signature does not match for ${request.url}: check the webhook URL in Twilio's console is exactly this one ` +
      `(a proxy that changes the scheme, host or port breaks it) and that the integration's secret is the account's current Auth Token${sharedKey}`,
  );
}

/** What follows the URL in the signed string, or why the body is not covered by the signature. */
async function signedParams(request: WebhookRequest): Promise<{ signed: string } | { unsigned: string }> {
  if (request.body.length === 0) return { signed: "" };
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === "application/x-www-form-urlencoded") {
    return { signed: sortedParams(new URLSearchParams(new TextDecoder().decode(request.body))) };
  }
  const bodyHash = new URL(request.url).searchParams.get("bodySHA256");
  if (bodyHash === null) {
    return {
      unsigned: `the body is ${mediaType || "untyped"}, not a form (application/x-www-form-urlencoded), and the URL has no bodySHA256: Twilio did not sign it`,
    };
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", request.body as Uint8Array<ArrayBuffer>));
  // Not a secret: the hash of the body the request carries, compared with the one its URL names.
  return hex(digest) === bodyHash
    ? { signed: "" }
    : { unsigned: "the body does not match the bodySHA256 of the URL: it was changed on the way" };
}

/** Every name sorted, each distinct value of it sorted, as name then value (the SDK's toFormUrlEncodedParam). */
export function sortedParams(params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  return names
    .map((name) =>
      [...new Set(params.getAll(name))]
        .sort()
        .map((value) => name + value)
        .join(""),
    )
    .join("");
}

/** The URLs validateRequest tries, in its order, without repeats. */
export function candidateUrls(url: string): string[] {
  const normalized = new URL(url).toString();
  const withoutPort = removePort(normalized);
  const withPort = addPort(normalized);
  return [
    ...new Set([
      removePort(url),
      addPort(url),
      withoutPort,
      withPort,
      withLegacyQuerystring(withoutPort),
      withLegacyQuerystring(withPort),
    ]),
  ];
}

/** The URL's parts, not normalized (the SDK's splitUrl), or null without a `scheme://`. */
function splitUrl(url: string) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme, authority] = match as unknown as [string, string, string];
  const userInfoEnd = authority.lastIndexOf("@");
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? "" : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function addPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === "https://" ? ":443" : ":80";
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

function removePort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withLegacyQuerystring(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart === -1 || queryStart === url.length - 1) return url;
  return `${url.slice(0, queryStart)}?${legacyQuerystring(url.slice(queryStart + 1))}`;
}
