import { useEffect, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import type { Contact } from "../types/contact";
import type { ContactKind, ContactSort } from "../types/contact-list";

const PAGE = 25;

/** What the list shows: a search, a kind of contact, an order (a search is always newest first). */
export interface ContactListFilters {
  q: string;
  kind?: ContactKind;
  sort?: ContactSort;
}

interface Pages {
  /** The filters these pages answer (as a key): pages of older filters are never shown for newer ones. */
  key: string;
  contacts: Contact[];
  next: string | null;
  /** How many contacts match, from the first page; null when the API cannot count them (a short search). */
  total: number | null;
}

/** Contacts matching `filters`, a page at a time ("Load more" over the cursor), and how many match. */
export function useContactPages(filters: ContactListFilters) {
  const [pages, setPages] = useState<Pages | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const { q, kind, sort } = filters;
  const key = JSON.stringify([q, kind, sort]);

  const fetchPage = (cursor: string | undefined, signal?: AbortSignal) =>
    request(
      api.contacts.$get(
        {
          query: {
            limit: String(PAGE),
            ...(q && { q }),
            ...(kind && { kind }),
            // The API refuses a name order for a search (search results come newest first).
            ...(sort && !q && { sort }),
            ...(cursor && { cursor }),
          },
        },
        { init: { signal } },
      ),
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchPage reads the filters, which `key` stands for.
  useEffect(() => {
    // A slower answer for older filters must not replace the newer one: abort it.
    const controller = new AbortController();
    setError(null);
    fetchPage(undefined, controller.signal).then(
      (page) => setPages({ key, contacts: page.data, next: page.next_cursor, total: page.total }),
      (e) => controller.signal.aborted || setError(e),
    );
    return () => controller.abort();
  }, [key, attempt]);

  async function loadMore() {
    if (!pages?.next) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(pages.next);
      setPages((p) =>
        p && p.key === key ? { ...p, contacts: [...p.contacts, ...page.data], next: page.next_cursor } : p,
      );
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  const current = pages?.key === key ? pages : null;
  return {
    contacts: current?.contacts,
    total: current?.total ?? null,
    /** Still showing the previous filters' contacts while these load. */
    stale: pages !== null && current === null,
    previous: pages?.contacts,
    error,
    hasMore: Boolean(current?.next),
    loadingMore,
    loadMore,
    retry: () => setAttempt((a) => a + 1),
  };
}
