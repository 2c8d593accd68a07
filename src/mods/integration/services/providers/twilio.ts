import { z } from "zod";
import { verifyTwilio } from "../signatures";
import { optionalField, parsePayload, readText } from "./payload";
import { type CallerVariables, InvalidPayload, type Provider, type WebhookRequest } from "./provider";

/*
 * Twilio: the number's "A call comes in" webhook, POST (form fields) or GET (query parameters).
 * Twilio sends CallSid, AccountSid, From and To with every voice request, status callbacks
 * included (https://www.twilio.com/docs/usage/webhooks/voice-webhooks): a request without CallSid
 * or From is not Twilio's, and is invalid. A status callback pointed at this URL is told apart by
 * its CallbackSource ("call-progress-events", sent only on status callbacks) and is ignored.
 * The answer is TwiML: connect the call to the agent's media stream, or redirect it to the
 * agent's TwiML URL, with the caller's variables.
 */

const FORM = "application/x-www-form-urlencoded";

const IncomingCall = z.object({
  CallSid: z.string().trim().min(1, "required"),
  // "Anonymous", "" or a carrier placeholder (+266696687...) when the caller hides the number:
  // passed through as is, the ring path reads them as withheld. Always sent, so required.
  From: z.string().trim(),
  To: optionalField,
  StirVerstat: optionalField,
});

function readParameters(request: WebhookRequest): Record<string, string> {
  if (request.method.toUpperCase() === "GET") return Object.fromEntries(new URL(request.url).searchParams);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith(FORM)) throw new InvalidPayload(`a POST from Twilio is ${FORM}`);
  return Object.fromEntries(new URLSearchParams(readText(request)));
}

/** Text and attribute values in XML: the five special characters, and what XML 1.0 cannot hold at all. */
export function xmlEscape(value: string): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot hold
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[&<>"']/g, (c) => entities[c]!)
  );
}

/** The agent's URL, its own query kept byte for byte, with every variable added as a query parameter. */
function withVariables(url: string, variables: CallerVariables): string {
  const hash = url.indexOf("#");
  const [base, fragment] = hash < 0 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}${new URLSearchParams({ ...variables })}${fragment}`;
}

function twiml(body: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, {
    headers: { "content-type": "text/xml" },
  });
}

export const twilio: Provider = {
  name: "twilio",
  postCall: "none",
  maxRingBodyBytes: 64 * 1024,

  verify: (request, secrets) => verifyTwilio(request, secrets.secret),

  parse(request) {
    const parameters = readParameters(request);
    const callbackSource = parameters.CallbackSource?.trim();
    if (callbackSource) return { kind: "other", event: callbackSource };
    const call = parsePayload(IncomingCall, parameters);
    return {
      kind: "ring",
      event: "incoming-call",
      from: call.From,
      to: call.To,
      providerCallId: call.CallSid,
      callerVerified: call.StirVerstat === "TN-Validation-Passed-A",
    };
  },

  answerRing(variables, _event, settings) {
    if (settings.stream_url) {
      const parameters = Object.entries(variables)
        .map(([name, value]) => `<Parameter name="${xmlEscape(name)}" value="${xmlEscape(value)}"/>`)
        .join("");
      return twiml(`<Connect><Stream url="${xmlEscape(settings.stream_url)}">${parameters}</Stream></Connect>`);
    }
    if (settings.redirect_url) {
      return twiml(`<Redirect method="POST">${xmlEscape(withVariables(settings.redirect_url, variables))}</Redirect>`);
    }
    throw new Error("the Twilio integration has neither stream_url nor redirect_url in its settings");
  },
};
