import { useCallback, useEffect, useRef, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import type { CallSummary } from "../types/call";

const PAGE = 20;

/** A contact's calls, newest first, a page at a time; refreshable in place while enrichment runs. */
export function useCallPages(contactId: string) {
  const [calls, setCalls] = useState<CallSummary[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef(0);

  const fetchPage = (limit: number, cursor?: string) =>
    request(api.calls.$get({ query: { contact_id: contactId, limit: String(limit), ...(cursor && { cursor }) } }));

  /** The first pages again, as many calls as are shown (so "Load more" is not undone). */
  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchPage reads contactId, which is in the deps already.
  const refresh = useCallback(async () => {
    try {
      const page = await fetchPage(Math.min(200, Math.max(PAGE, shown.current)));
      shown.current = page.data.length;
      setCalls(page.data);
      setNext(page.next_cursor);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [contactId]);

  useEffect(() => {
    shown.current = 0;
    setCalls(undefined);
    void refresh();
  }, [refresh]);

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(PAGE, next);
      setCalls((c) => [...(c ?? []), ...page.data]);
      shown.current += page.data.length;
      setNext(page.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  return { calls, error, hasMore: next !== null, loadingMore, refresh, loadMore };
}
