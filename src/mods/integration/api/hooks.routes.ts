import { createRoute, z } from "@hono/zod-openapi";
import { ErrorSchema } from "../../../lib/openapi-responses";

const tags = ["Webhooks"];
const HookParams = z.object({
  provider: z.string().openapi({ param: { name: "provider", in: "path" }, example: "twilio" }),
  id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The integration's id" }),
});

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });
const responses = {
  200: {
    description:
      "The provider's own answer: TwiML for Twilio; dynamic variables for Retell, Vapi, ElevenLabs and Telnyx; " +
      "`{call_id, enrichment}` for a transcript; `{}` for events the service does not act on",
  },
  400: error("The body is not in the provider's format"),
  401: error("The signature does not verify, or its timestamp is out of its window"),
  404: error("No such integration (or it was deleted)"),
  413: error("Body over 1 MiB (64 KiB on URLs that only ring)"),
  500: error("Unexpected failure, logged with the request id"),
};
const description =
  "Called by the platform itself, signed its own way (see the README's section on the provider), " +
  "never with an API key. Every request that reaches a known integration leaves one delivery record.";

export const receiveWebhook = createRoute({
  method: "post",
  path: "/hooks/{provider}/{id}",
  tags,
  summary: "A provider's ring (and, for Retell and Vapi, post-call) webhook",
  description,
  request: { params: HookParams },
  responses,
});

export const receiveWebhookByGet = createRoute({
  method: "get",
  path: "/hooks/{provider}/{id}",
  tags,
  summary: "Twilio's ring webhook configured with method GET (the fields in the query string)",
  description,
  request: { params: HookParams },
  responses,
});

export const receivePostCallWebhook = createRoute({
  method: "post",
  path: "/hooks/{provider}/{id}/post-call",
  tags,
  summary: "ElevenLabs' post-call transcription webhook",
  description,
  request: { params: HookParams },
  responses,
});
