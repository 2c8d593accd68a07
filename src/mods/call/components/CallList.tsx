import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import type { CallSummary } from "../types/call";
import { CallItem } from "./CallItem";

interface Props {
  calls: CallSummary[] | undefined;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  enrichedFromCallId: string | null;
  onLoadMore(): void;
  onRetry(): void;
  onRerun(callId: string): Promise<void>;
}

/** The contact's calls, newest first. */
export function CallList({
  calls,
  error,
  hasMore,
  loadingMore,
  enrichedFromCallId,
  onLoadMore,
  onRetry,
  onRerun,
}: Props) {
  return (
    <section className="card" aria-labelledby="calls-heading">
      <h2 id="calls-heading">Calls</h2>
      {error ? <ErrorNotice error={error} onRetry={onRetry} /> : null}
      {!calls && !error && <Loading what="Loading calls…" />}
      {calls && !calls.length && <p className="empty">No calls yet.</p>}
      {calls && calls.length > 0 && (
        <ul className="call-list">
          {calls.map((call) => (
            <CallItem key={call.id} call={call} filledIn={call.id === enrichedFromCallId} onRerun={onRerun} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Load more calls"}
        </button>
      )}
    </section>
  );
}
