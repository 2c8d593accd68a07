import { createRoute } from "@hono/zod-openapi";
import { openToCallsKeys } from "../../../auth/authenticate";
import { authenticateRing } from "../../../auth/ring-authentication";
import { defaultBodyLimit } from "../../../lib/body-limit";
import { commonErrors, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import {
  CallListQuery,
  CallPageSchema,
  CallParams,
  CallSchema,
  InboundCallResultSchema,
  InboundCallSchema,
} from "../types/call";

const tags = ["Calls"];

export const inboundCall = createRoute({
  method: "post",
  path: "/calls/inbound",
  tags,
  summary: "A call is ringing: resolve the caller to a contact and record the call",
  description:
    "Resolves `from` to the organization's contact holding the number, or creates a stub contact holding it. " +
    "Withheld and invalid callers match and create nothing; the call is still recorded. " +
    "A replay of a `provider_call_id` answers 200 with the first call and creates nothing. " +
    "With an API key this is one database round trip, authentication included.",
  // Authenticated inside the ring's own batch, not by the API's `authenticate` (see authenticateRing).
  middleware: [openToCallsKeys, defaultBodyLimit, authenticateRing] as const,
  request: { body: jsonBody(InboundCallSchema) },
  responses: {
    201: json(InboundCallResultSchema, "The call was recorded"),
    200: json(InboundCallResultSchema, "A replay: the call recorded before"),
    ...commonErrors,
  },
});

export const listCalls = createRoute({
  method: "get",
  path: "/calls",
  tags,
  summary: "Calls, newest first, without transcriptions; filter by contact",
  request: { query: CallListQuery },
  responses: { 200: json(CallPageSchema, "A page of calls"), ...commonErrors },
});

export const getCall = createRoute({
  method: "get",
  path: "/calls/{id}",
  tags,
  summary: "A call with its transcription",
  request: { params: CallParams },
  responses: { 200: json(CallSchema, "The call"), ...commonErrors, ...notFoundError },
});
