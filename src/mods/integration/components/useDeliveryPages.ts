import { useCallback, useEffect, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import type { Delivery } from "./provider-guides";

const PAGE = 20;

/** An integration's latest deliveries, newest first, a page at a time ("Load more" over the cursor). */
export function useDeliveryPages(integrationId: string) {
  const [deliveries, setDeliveries] = useState<Delivery[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const fetchPage = useCallback(
    (cursor?: string) =>
      request(
        api.integrations[":id"].deliveries.$get({
          param: { id: integrationId },
          query: { limit: String(PAGE), ...(cursor && { cursor }) },
        }),
      ),
    [integrationId],
  );

  /** The first page again: what arrived since, on top. */
  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const page = await fetchPage();
      setDeliveries(page.data);
      setNext(page.next_cursor);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [fetchPage]);

  useEffect(() => {
    setDeliveries(undefined);
    void refresh();
  }, [refresh]);

  async function loadMore() {
    if (!next) return;
    setLoading(true);
    try {
      const page = await fetchPage(next);
      setDeliveries((shown) => [...(shown ?? []), ...page.data]);
      setNext(page.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  return { deliveries, error, loading, hasMore: next !== null, refresh, loadMore };
}
