import type { z } from "zod";
import type { CallSummarySchema } from "../../call/types/call";

/** A call as the list answers it: without its transcription. */
export type CallSummary = z.infer<typeof CallSummarySchema>;
