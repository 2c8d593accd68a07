/*
 * fetch for every API call of the UI. It carries the D1 session bookmark back and forth
 * (`x-d1-bookmark`, see src/db/sessions.ts) so that a read after a write sees the write even
 * when a read replica answers it, and it tells the session when the API no longer knows us.
 */
const BOOKMARK_HEADER = "x-d1-bookmark";

let bookmark: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Called when an API route (not an auth route) answers 401: the session ended elsewhere. */
export function whenUnauthenticated(listener: () => void) {
  onUnauthenticated = listener;
}

export const bookmarkFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  if (bookmark) headers.set(BOOKMARK_HEADER, bookmark);
  const response = await fetch(input, { ...init, headers, credentials: "same-origin" });
  const next = response.headers.get(BOOKMARK_HEADER);
  // Answers may arrive out of order; bookmarks sort by position in the database's history,
  // so keeping the greatest never steps back behind a write we have seen.
  if (next && (!bookmark || next > bookmark)) bookmark = next;
  const url = typeof input === "string" ? input : input instanceof URL ? input.pathname : input.url;
  if (response.status === 401 && !url.includes("/api/auth/")) onUnauthenticated();
  return response;
};
