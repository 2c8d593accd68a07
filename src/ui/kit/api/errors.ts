/** An issue as the API reports it: `path` names the field, e.g. ["phones", 0, "phone_number"]. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * A failed request in the contract's words, or a network failure (status 0). Its `message` is the
 * API's, for programmers: people read `messageOf` (error-messages.ts).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly existingContactId?: string,
    /** The reference a person can give when they report the failure. */
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Reads the contract's error envelope; better-auth's `{message}` and anything else too. */
  static async from(response: Response): Promise<ApiFailure> {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string; issues?: Issue[]; existing_contact_id?: string; request_id?: string };
      message?: string;
      code?: string;
    } | null;
    const error = body?.error;
    const requestId = error?.request_id ?? response.headers.get("x-request-id") ?? undefined;
    const retryAfter = Number(response.headers.get("retry-after"));
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
    if (error)
      return new ApiFailure(
        response.status,
        error.code ?? "unknown",
        error.message ?? response.statusText,
        error.issues ?? [],
        error.existing_contact_id,
        requestId,
        retryAfterSeconds,
      );
    return new ApiFailure(
      response.status,
      body?.code ?? "unknown",
      body?.message ?? `The server answered ${response.status}.`,
      [],
      undefined,
      requestId,
      retryAfterSeconds,
    );
  }
}
