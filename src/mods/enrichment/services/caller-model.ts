import type { CallerIdentity } from "../types/caller-identity";

/** Whatever asks a model who called: the OpenAI client in production, anything in tests. */
export interface CallerModel {
  identifyCaller(transcript: string): Promise<CallerIdentity>;
}

/**
 * A failure of the model: `retryable` ones (rate limits, 5xx, timeouts) are tried again later.
 * `message` is stored on the call for anyone in the organization to read, so it is always the
 * service's own words ("model rate limited (429)"), never the API's text: that can quote our
 * request or a fragment of the platform's API key. The API's own words go to `detail`, for logs.
 */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
    readonly detail?: string,
  ) {
    super(message);
  }
}
