import { z } from "@hono/zod-openapi";
import { callerKinds, enrichmentStatuses } from "../../../db/schema";
import { text, timestamp, uuid } from "../../../lib/fields";
import { PageQuery, page } from "../../../lib/pagination";

export const CallSchema = z
  .object({
    id: uuid,
    contact_id: uuid.nullable(),
    from: z
      .string()
      .nullable()
      .openapi({ description: "E.164 when identified; otherwise as the provider sent it; null once erased" }),
    to: z.string().nullable(),
    provider: z.string().nullable(),
    provider_call_id: z.string().nullable(),
    caller: z.enum(callerKinds),
    caller_verified: z.boolean().openapi({
      description: "The provider reported the number passed STIR/SHAKEN with full attestation (A)",
    }),
    transcription: z.string().nullable(),
    enrichment_status: z.enum(enrichmentStatuses).nullable(),
    enrichment_error: z.string().nullable(),
    erased: z.boolean().openapi({
      description:
        "Its contact was erased: the call keeps its id, time and provider ids for counting; " +
        "contact_id, from, transcription and enrichment_error are null",
    }),
    created_at: timestamp,
  })
  .openapi("Call");

/**
 * Who called, as a person reads it: a contact with a name (`known`), a stub still without one
 * (`stub`), a hidden number (`withheld`), one that is no number (`invalid`), or an identified
 * number whose contact was deleted or erased since (`no_contact`).
 */
export const callerStatuses = ["known", "stub", "withheld", "invalid", "no_contact"] as const;
export type CallerStatus = (typeof callerStatuses)[number];

const CallContactSchema = z
  .object({ id: uuid, first_name: z.string(), last_name: z.string(), is_stub: z.boolean() })
  .openapi("CallContact");

export const CallSummarySchema = CallSchema.omit({ transcription: true })
  .extend({
    caller_status: z.enum(callerStatuses),
    contact: CallContactSchema.nullable().openapi({ description: "The call's contact as it is now, or null" }),
  })
  .openapi("CallSummary");
export const CallPageSchema = page(CallSummarySchema).openapi("CallPage");

export const InboundCallSchema = z
  .strictObject({
    from: text(64).openapi({
      description: "The caller's number, or what the carrier sends when it is withheld",
      example: "+15551234567",
    }),
    to: text(64).nullable().optional().openapi({ example: "+15557654321" }),
    provider: text(50).nullable().optional().openapi({ example: "twilio" }),
    provider_call_id: text(200)
      .min(1, "required")
      .nullable()
      .optional()
      .openapi({ description: "Replays of the same id answer the same call", example: "CA0123456789abcdef" }),
    attestation: z.enum(["A", "B", "C"]).nullable().optional().openapi({
      description: "The STIR/SHAKEN attestation the carrier reported: only A marks the caller's number as verified",
    }),
  })
  .openapi("InboundCall");

export const InboundCallResultSchema = z
  .object({
    call_id: uuid,
    contact: z.object({ id: uuid, first_name: z.string(), last_name: z.string(), is_stub: z.boolean() }).nullable(),
    contact_created: z.boolean().openapi({ description: "True when this request created the stub contact" }),
    caller: z.enum(callerKinds),
  })
  .openapi("InboundCallResult");

/** `none`: no enrichment status yet, i.e. no transcription received. */
export const enrichmentStatusFilters = [...enrichmentStatuses, "none"] as const;

export const CallListQuery = PageQuery.extend({
  contact_id: uuid.optional(),
  provider_call_id: text(200).min(1, "required").optional().openapi({ description: "The provider's id for the call" }),
  caller_status: z.enum(callerStatuses).optional().openapi({ description: "Only calls whose caller is this" }),
  enrichment_status: z
    .enum(enrichmentStatusFilters)
    .optional()
    .openapi({ description: "Only calls in this enrichment state; `none`: no transcription received yet" }),
});
export const CallParams = z.object({ id: uuid.openapi({ param: { name: "id", in: "path" } }) });

export type Call = z.infer<typeof CallSchema>;
/** A call as the list answers it: without its transcription. */
export type CallSummary = z.infer<typeof CallSummarySchema>;
export type InboundCall = z.infer<typeof InboundCallSchema>;
/** GET /api/calls' query as validated: the page and the filters. */
export type CallListFilters = z.infer<typeof CallListQuery>;
export type EnrichmentStatusFilter = (typeof enrichmentStatusFilters)[number];
