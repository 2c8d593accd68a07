import { createRoute } from "@hono/zod-openapi";
import { openToCallsKeys } from "../../../auth/authenticate";
import { limitBody } from "../../../lib/body-limit";
import { noBody } from "../../../lib/no-body";
import { commonErrors, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import { MAX_ENRICHMENTS_PER_HOUR } from "../services/enrichment-budget";
import {
  CallParams,
  EnrichmentResultSchema,
  MAX_TRANSCRIPTION_BYTES,
  RequeueResultSchema,
  TranscriptionSchema,
} from "../types/enrichment";

const tags = ["Calls"];

export const saveTranscription = createRoute({
  method: "post",
  path: "/calls/{id}/transcription",
  tags,
  summary: "Save the call's transcription; queue enrichment when its contact is a stub",
  description:
    "The body may be up to 256 KiB. The queue message carries ids only. Queuing a stub's call counts against " +
    `the call's ${MAX_ENRICHMENTS_PER_HOUR} enrichments an hour (shared with /enrich): past them, a 429 and nothing is saved.`,
  middleware: [openToCallsKeys, limitBody(MAX_TRANSCRIPTION_BYTES)],
  request: { params: CallParams, body: jsonBody(TranscriptionSchema) },
  responses: { 202: json(EnrichmentResultSchema, "Saved"), ...commonErrors, ...notFoundError },
});

export const enrichCall = createRoute({
  method: "post",
  path: "/calls/{id}/enrich",
  tags,
  summary: "Queue the call's enrichment again, e.g. after a failure",
  description:
    "The consumer decides again: it skips a call without a transcription or whose contact has a name by then. " +
    "No body (or `{}` as JSON). A call is queued for enrichment at most " +
    `${MAX_ENRICHMENTS_PER_HOUR} times an hour, by this route and its transcriptions together: ` +
    "past that, a 429 with `retry-after`.",
  middleware: [openToCallsKeys, noBody],
  request: { params: CallParams },
  responses: { 202: json(RequeueResultSchema, "Queued"), ...commonErrors, ...notFoundError },
});
