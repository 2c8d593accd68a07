import { z } from "@hono/zod-openapi";
import { uuid } from "../../../lib/fields";

export const MAX_TRANSCRIPTION_BYTES = 256 * 1024;

export const TranscriptionSchema = z
  .strictObject({ transcription: z.string().min(1, "required") })
  .openapi("Transcription");

export const EnrichmentResultSchema = z
  .object({ call_id: uuid, enrichment: z.enum(["queued", "not_needed"]) })
  .openapi("EnrichmentResult");

export const RequeueResultSchema = z
  .object({ call_id: uuid, enrichment: z.literal("queued") })
  .openapi("RequeueResult");

export const CallParams = z.object({ id: uuid.openapi({ param: { name: "id", in: "path" } }) });
