import { useEffect, useState } from "react";
import { Link } from "wouter";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { FilterSelect, oneOf } from "../../../ui/kit/components/FilterSelect";
import { Loading } from "../../../ui/kit/components/Loading";
import { useDebouncedValue } from "../../../ui/kit/hooks/useDebouncedValue";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useSearchParam } from "../../../ui/kit/hooks/useSearchParam";
import { ContactTable } from "../components/ContactTable";
import { PageHeaderWithNewContact } from "../components/PageHeaderWithNewContact";
import type { ContactKind, ContactSort } from "../types/contact-list";
import { useContactPages } from "./useContactPages";

/** Every contact of the organization as CSV, streamed by the API. */
const EXPORT_URL = "/api/contacts/export";

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

const kindText: Record<ContactKind, string> = { known: "Known contacts", stub: "Unknown callers" };
const sortText: Record<ContactSort, string> = { newest: "Newest first", name: "Name, A to Z" };

/** What the list counts, one and many. */
const nouns = {
  all: ["contact", "contacts"],
  known: ["known contact", "known contacts"],
  stub: ["unknown caller", "unknown callers"],
} as const;

export function ContactListView() {
  useDocumentTitle("Contacts");
  // The search, the kind and the order live in the URL (?q=, ?kind=, ?sort=), so Back, a reload and
  // a shared link keep them. The search is written as the user types, never from a later effect:
  // such a write carries this page's path, and a row clicked just before it ran would be undone
  // (the browser pulled back from the contact to this list).
  const [param, setParam] = useSearchParam();
  const searched = param("q") ?? "";
  const kind = oneOf<ContactKind>(param("kind"), kindText);
  const chosenSort = oneOf<ContactSort>(param("sort"), sortText) ?? "newest";
  const [text, setText] = useState(searched);
  // A search changed from outside the box (the Contacts link clears it, Back restores one) shows in it.
  useEffect(() => setText((typed) => (typed.trim() === searched ? typed : searched)), [searched]);
  // From the box, not the URL: a browser may drop some of a fast typist's URL writes.
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = (typed: string) => {
    setText(typed);
    setParam("q", typed.trim());
  };

  // Search results come newest first (the API sorts no search by name), and stubs have no name: the
  // chosen order stays in the URL and comes back once neither holds.
  const whyNewest = q
    ? "Search results cannot be sorted by name."
    : kind === "stub"
      ? "Unknown callers have no name."
      : null;
  const sort = whyNewest ? "newest" : chosenSort;
  const list = useContactPages({ q, kind, sort });
  const shown = list.contacts ?? list.previous;

  return (
    <div className="page">
      <PageHeaderWithNewContact title="Contacts">
        <Link href="/contacts/import" className="button">
          Import
        </Link>
        {/* A plain download: the API streams the CSV and names the file (content-disposition). */}
        <a href={EXPORT_URL} download className="button">
          Export CSV
        </a>
      </PageHeaderWithNewContact>
      <search className="search">
        <label htmlFor="contact-search" className="visually-hidden">
          Search contacts
        </label>
        <input
          id="contact-search"
          type="search"
          className="search__input"
          placeholder="Search by name, email or phone"
          value={text}
          onChange={(e) => search(e.target.value)}
          autoComplete="off"
          aria-describedby="contact-search-status"
        />
      </search>
      <fieldset className="filters">
        <legend className="visually-hidden">Show and sort contacts</legend>
        <FilterSelect
          id="contact-kind"
          label="Show"
          all="All contacts"
          choices={kindText}
          value={kind}
          onChange={(v) => setParam("kind", v)}
        />
        <FilterSelect
          id="contact-sort"
          label="Sort"
          all={null}
          choices={sortText}
          value={sort}
          onChange={(v) => setParam("sort", v === "name" ? v : undefined)}
          disabled={whyNewest !== null}
          describedBy={whyNewest ? "contact-sort-note" : undefined}
        />
      </fieldset>
      {whyNewest && (
        <p id="contact-sort-note" className="field__hint">
          {whyNewest} They are listed newest first.
        </p>
      )}
      <p id="contact-search-status" role="status" className="list-status">
        {list.contacts && statusText(list.total, list.contacts.length, list.hasMore, q, kind, sort)}
      </p>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.retry} /> : null}
      {!shown && !list.error && <Loading what="Loading contacts…" />}
      {shown && shown.length > 0 && (
        <div className={list.stale ? "table-frame is-stale" : "table-frame"} aria-busy={list.stale}>
          <ContactTable contacts={shown} caption={kind ? kindText[kind] : "Contacts"} order={sort} />
        </div>
      )}
      {list.contacts && !list.contacts.length && <EmptyList q={q} kind={kind} />}
      {list.hasMore && (
        <button
          type="button"
          className="button load-more"
          onClick={() => void list.loadMore()}
          disabled={list.loadingMore}
        >
          {list.loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}

/**
 * "12 unknown callers, newest first", "3 contacts matching “ada”": the API's total; the count shown so
 * far, with a "+" while more follow, when it has none (a search of one or two characters).
 */
function statusText(
  total: number | null,
  shown: number,
  more: boolean,
  q: string,
  kind: ContactKind | undefined,
  sort: ContactSort,
) {
  const [one, many] = nouns[kind ?? "all"];
  const plus = total === null && more ? "+" : "";
  const count = total ?? shown;
  const counted = `${count.toLocaleString()}${plus} ${count === 1 && !plus ? one : many}`;
  if (q) return `${counted} matching “${q}”`;
  if (sort === "newest") return `${counted}, newest first`;
  return `${counted}, A to Z by name${kind ? "" : ", unknown callers last"}`;
}

function EmptyList({ q, kind }: { q: string; kind: ContactKind | undefined }) {
  if (q)
    return (
      <p className="empty">
        No {nouns[kind ?? "all"][0]} matches “{q}”. Try part of a name, an email, or a few digits of a number.
      </p>
    );
  if (kind === "stub") return <p className="empty">No unknown callers: everyone who called has a name.</p>;
  if (kind === "known") return <p className="empty">No named contacts yet. Name an unknown caller, or create one.</p>;
  return (
    <div className="empty empty--large">
      <p>No contacts yet.</p>
      <p>Create one, or they appear here when someone calls.</p>
    </div>
  );
}
