import { useEffect, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import type { Contact } from "../types/contact";

const PAGE = 25;

interface Pages {
  /** The query these pages answer; pages of an older query are never shown for a newer one. */
  q: string;
  contacts: Contact[];
  next: string | null;
}

/** Contacts matching `q`, newest first, a page at a time ("Load more" over the cursor). */
export function useContactPages(q: string) {
  const [pages, setPages] = useState<Pages | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const fetchPage = (cursor: string | undefined, signal?: AbortSignal) =>
    request(
      api.contacts.$get(
        { query: { limit: String(PAGE), ...(q && { q }), ...(cursor && { cursor }) } },
        { init: { signal } },
      ),
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchPage reads q, which is in the deps already.
  useEffect(() => {
    // A slower answer to an older query must not replace a newer one: abort it.
    const controller = new AbortController();
    setError(null);
    fetchPage(undefined, controller.signal).then(
      (page) => setPages({ q, contacts: page.data, next: page.next_cursor }),
      (e) => controller.signal.aborted || setError(e),
    );
    return () => controller.abort();
  }, [q, attempt]);

  async function loadMore() {
    if (!pages?.next) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(pages.next);
      setPages((p) => (p && p.q === q ? { q, contacts: [...p.contacts, ...page.data], next: page.next_cursor } : p));
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  const current = pages?.q === q ? pages : null;
  return {
    contacts: current?.contacts,
    /** Still showing the previous query's results while this one loads. */
    stale: pages !== null && current === null,
    previous: pages?.contacts,
    error,
    hasMore: Boolean(current?.next),
    loadingMore,
    loadMore,
    retry: () => setAttempt((a) => a + 1),
  };
}
