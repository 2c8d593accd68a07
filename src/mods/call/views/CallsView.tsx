import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { FilterSelect, oneOf } from "../../../ui/kit/components/FilterSelect";
import { Loading } from "../../../ui/kit/components/Loading";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useSearchParam } from "../../../ui/kit/hooks/useSearchParam";
import { CallRow } from "../components/CallRow";
import { callerStatusText, enrichmentFilterText } from "../components/call-status";
import type { CallerStatus, EnrichmentStatusFilter } from "../types/call";
import { type CallFilters, useCallList } from "./useCallList";

/** Every call of the organization, newest first, filtered by who called and how far enrichment got. */
export function CallsView() {
  useDocumentTitle("Calls");
  // The filters live in the URL, so Back, a reload and a shared link keep them.
  const [param, setFilter] = useSearchParam();
  const filters: CallFilters = {
    caller_status: oneOf<CallerStatus>(param("caller_status"), callerStatusText),
    enrichment_status: oneOf<EnrichmentStatusFilter>(param("enrichment_status"), enrichmentFilterText),
  };

  const list = useCallList(filters);
  const shown = list.calls ?? list.previous;
  const filtered = Boolean(filters.caller_status || filters.enrichment_status);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Calls</h1>
      </div>
      <fieldset className="filters">
        <legend className="visually-hidden">Filter calls</legend>
        <FilterSelect
          id="caller-filter"
          label="Caller"
          all="All callers"
          choices={callerStatusText}
          value={filters.caller_status}
          onChange={(v) => setFilter("caller_status", v)}
        />
        <FilterSelect
          id="enrichment-filter"
          label="Enrichment"
          all="Any enrichment"
          choices={enrichmentFilterText}
          value={filters.enrichment_status}
          onChange={(v) => setFilter("enrichment_status", v)}
        />
      </fieldset>
      <p role="status" className="list-status">
        {list.calls && countText(list.calls.length, list.hasMore, filtered)}
      </p>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.retry} /> : null}
      {!list.calls && !shown?.length && !list.error && <Loading what="Loading calls…" />}
      {shown && shown.length > 0 && (
        <div className={list.stale ? "is-stale" : undefined} aria-busy={list.stale}>
          <ul className="call-list" aria-label="Calls">
            {shown.map((call) => (
              <CallRow key={call.id} call={call} />
            ))}
          </ul>
        </div>
      )}
      {list.calls && !list.calls.length && (
        <p className="empty">
          {filtered ? "No call matches these filters." : "No calls yet: they appear here as they ring."}
        </p>
      )}
      {list.hasMore && (
        <button
          type="button"
          className="button load-more"
          onClick={() => void list.loadMore()}
          disabled={list.loadingMore}
        >
          {list.loadingMore ? "Loading…" : "Load more calls"}
        </button>
      )}
    </div>
  );
}

function countText(count: number, more: boolean, filtered: boolean) {
  const calls = `${count}${more ? "+" : ""} ${count === 1 && !more ? "call" : "calls"}`;
  return `${calls}${filtered ? " matching the filters" : ""}, newest first`;
}
