import { messageOf } from "../api/error-messages";

/** An error the person should see, announced as it appears; with a retry when there is one. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div role="alert" className="notice notice--error">
      <p>{typeof error === "string" ? error : messageOf(error)}</p>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
