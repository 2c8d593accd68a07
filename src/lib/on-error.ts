import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../context";
import { ApiError, type ErrorCode, errorStatus } from "./errors";
import { requestIdsForLog } from "./request-id";

/** What hono and its middlewares throw, in the contract's words. */
function fromHttpException(err: HTTPException): ApiError {
  switch (err.status) {
    case 400:
      return ApiError.validation([{ path: [], message: err.message || "bad request" }]);
    case 413:
      return new ApiError("payload_too_large", "request body too large");
    case 415:
      return new ApiError("unsupported_media_type", "content-type must be application/json");
    case 404:
      return new ApiError("not_found", "not found");
    case 401:
      return new ApiError("unauthenticated", err.message || "authentication required");
    default:
      return new ApiError("internal", "internal error");
  }
}

export function errorResponse(c: Context<AppEnv>, err: ApiError) {
  const { issues, existingContactId, retryAfterSeconds } = err.details;
  if (retryAfterSeconds !== undefined) c.header("retry-after", String(retryAfterSeconds));
  return c.json(
    {
      error: {
        code: err.code,
        message: err.message,
        ...(existingContactId && { existing_contact_id: existingContactId }),
        ...(issues && { issues }),
        request_id: c.var.requestId,
      },
    },
    errorStatus[err.code as ErrorCode],
  );
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException && err.status < 500) return errorResponse(c, fromHttpException(err));
  // Unexpected: log everything with the request id, answer nothing of it.
  console.error(
    JSON.stringify({ level: "error", ...requestIdsForLog(c), message: String(err), stack: (err as Error).stack }),
  );
  return errorResponse(c, new ApiError("internal", "internal error"));
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, new ApiError("not_found", `no route ${c.req.method} ${c.req.path}`));
