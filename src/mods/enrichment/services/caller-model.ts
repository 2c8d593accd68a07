import type { CallerIdentity } from "../types/caller-identity";

/** Whatever asks a model who called: the OpenAI client in production, anything in tests. */
export interface CallerModel {
  identifyCaller(transcript: string): Promise<CallerIdentity>;
}

/** A failure of the model: `retryable` ones (rate limits, 5xx, timeouts) are tried again later. */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
