import { useEffect, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import type { CallerStatus, CallSummary, EnrichmentStatusFilter } from "../types/call";

const PAGE = 25;

export interface CallFilters {
  caller_status?: CallerStatus;
  enrichment_status?: EnrichmentStatusFilter;
}

interface Pages {
  /** The filters these pages answer (as a key): pages of older filters are never shown for newer ones. */
  key: string;
  calls: CallSummary[];
  next: string | null;
}

/** Every call of the organization matching `filters`, newest first, a page at a time ("Load more"). */
export function useCallList(filters: CallFilters) {
  const [pages, setPages] = useState<Pages | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(filters);

  const fetchPage = (cursor: string | undefined, signal?: AbortSignal) =>
    request(
      api.calls.$get({ query: { limit: String(PAGE), ...filters, ...(cursor && { cursor }) } }, { init: { signal } }),
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchPage reads the filters, which `key` stands for.
  useEffect(() => {
    // A slower answer for older filters must not replace the newer one: abort it.
    const controller = new AbortController();
    setError(null);
    fetchPage(undefined, controller.signal).then(
      (page) => setPages({ key, calls: page.data, next: page.next_cursor }),
      (e) => controller.signal.aborted || setError(e),
    );
    return () => controller.abort();
  }, [key, attempt]);

  async function loadMore() {
    if (!pages?.next) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(pages.next);
      setPages((p) => (p && p.key === key ? { key, calls: [...p.calls, ...page.data], next: page.next_cursor } : p));
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  const current = pages?.key === key ? pages : null;
  return {
    calls: current?.calls,
    /** Still showing the previous filters' calls while these load. */
    stale: pages !== null && current === null,
    previous: pages?.calls,
    error,
    hasMore: Boolean(current?.next),
    loadingMore,
    loadMore,
    retry: () => setAttempt((a) => a + 1),
  };
}
