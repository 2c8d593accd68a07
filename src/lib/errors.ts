import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The contract's error codes and the status each one answers with. */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  no_active_organization: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}

/** The one error type handlers throw; `onError` turns it into the contract's envelope. */
export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { issues?: ErrorIssue[]; existingContactId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(errorStatus[code], { message });
  }

  static validation(issues: ErrorIssue[]) {
    const message = issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    return new ApiError("validation_failed", message, { issues });
  }

  /** A resource the caller's organization does not have; never says whether it exists elsewhere. */
  static notFound(what: string) {
    return new ApiError("not_found", `${what} not found`);
  }

  /** `path`: the field that holds the value, so that a form can show the conflict there. */
  static conflict(message: string, existingContactId: string, path?: ErrorIssue["path"]) {
    const issues = path && [{ path, message: "already belongs to a contact" }];
    return new ApiError("conflict", message, { existingContactId, ...(issues && { issues }) });
  }
}
