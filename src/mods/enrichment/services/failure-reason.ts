import { ModelError } from "./caller-model";

/** D1's errors name themselves (`D1_ERROR: …`, `SQLITE_BUSY`, …), drizzle's wrap them (`Failed query: …`). */
const DATABASE_ERROR = /D1_|SQLITE_|Failed query/;

/**
 * Why an enrichment attempt failed, in the words stored on the call (`enrichment_error`), which
 * anyone in the organization reads: a ModelError's own message (ours by construction), else
 * `database busy` or `internal error`, never the database's SQL or an upstream body. The
 * original error goes to the logs (`logFailure`).
 */
export function failureReason(err: unknown): string {
  if (err instanceof ModelError) return err.message;
  return isDatabaseError(err) ? "database busy" : "internal error";
}

function isDatabaseError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (DATABASE_ERROR.test(e.message)) return true;
  }
  return false;
}

/** The whole story of a failed attempt, for the operators' logs only. */
export function logFailure(callId: string, attempt: number, err: unknown) {
  const detail = err instanceof ModelError ? err.detail : err instanceof Error ? err.stack : String(err);
  console.warn(
    JSON.stringify({
      level: "warn",
      message: "enrichment attempt failed",
      call_id: callId,
      attempt,
      reason: failureReason(err),
      detail,
    }),
  );
}
