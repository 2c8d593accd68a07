/** An issue as the API reports it: `path` names the field, e.g. ["phones", 0, "phone_number"]. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** A failed request in the contract's words, or a network failure (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    readonly existingContactId?: string,
  ) {
    super(message);
  }

  /** Reads the contract's error envelope; better-auth's `{message}` and anything else too. */
  static async from(response: Response): Promise<ApiFailure> {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string; issues?: Issue[]; existing_contact_id?: string };
      message?: string;
      code?: string;
    } | null;
    const error = body?.error;
    if (error)
      return new ApiFailure(
        response.status,
        error.code ?? "unknown",
        error.message ?? response.statusText,
        error.issues ?? [],
        error.existing_contact_id,
      );
    return new ApiFailure(
      response.status,
      body?.code ?? "unknown",
      body?.message ?? `The server answered ${response.status}.`,
    );
  }
}

/** A sentence for any error a request can end with. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  return "Something went wrong. Try again.";
}

/**
 * Splits an error into messages per form field (by the first path segments, mapped by `fieldOf`)
 * and one for the whole form: what no field claims.
 */
export function errorsByField<F extends string>(error: unknown, fieldOf: (path: Issue["path"]) => F | undefined) {
  const fields: Partial<Record<F, string>> = {};
  let form: string | undefined;
  if (error instanceof ApiFailure && error.issues.length) {
    for (const issue of error.issues) {
      const field = fieldOf(issue.path);
      if (field && !fields[field]) fields[field] = issue.message;
      else if (!field) form ??= issue.message;
    }
  } else if (error) {
    form = messageOf(error);
  }
  return { fields, form };
}
