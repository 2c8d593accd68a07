import { z } from "zod";

/** What the enrichment queue carries: ids only (a transcript may be far over the 128 KB message cap). */
export const EnrichmentMessageSchema = z.object({ call_id: z.string(), organization_id: z.string() });

export type EnrichmentMessage = z.infer<typeof EnrichmentMessageSchema>;
