import { useEffect, useState } from "react";
import { Link, useSearchParams } from "wouter";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { useDebouncedValue } from "../../../ui/kit/hooks/useDebouncedValue";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { ContactList } from "../components/ContactList";
import { PageHeaderWithNewContact } from "../components/PageHeaderWithNewContact";
import { useContactPages } from "./useContactPages";

/** Every contact of the organization as CSV, streamed by the API. */
const EXPORT_URL = "/api/contacts/export";

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

export function ContactListView() {
  useDocumentTitle("Contacts");
  // The search lives in the URL (?q=), so Back and a reload keep it. It is written as the user
  // types, never from a later effect: such a write carries this page's path, and a row clicked
  // just before it ran would be undone (the browser pulled back from the contact to this list).
  const [params, setParams] = useSearchParams();
  const searched = params.get("q") ?? "";
  const [text, setText] = useState(searched);
  // A search changed from outside the box (the Contacts link clears it, Back restores one) shows in it.
  useEffect(() => setText((typed) => (typed.trim() === searched ? typed : searched)), [searched]);
  // From the box, not the URL: a browser may drop some of a fast typist's URL writes.
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = (typed: string) => {
    setText(typed);
    const trimmed = typed.trim();
    setParams(trimmed ? { q: trimmed } : {}, { replace: true });
  };

  const list = useContactPages(q);
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
      <p id="contact-search-status" role="status" className="list-status">
        {list.contacts && resultText(list.contacts.length, list.hasMore, q)}
      </p>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.retry} /> : null}
      {!shown && !list.error && <Loading what="Loading contacts…" />}
      {shown && shown.length > 0 && (
        <div className={list.stale ? "is-stale" : undefined} aria-busy={list.stale}>
          <ContactList contacts={shown} />
        </div>
      )}
      {list.contacts && !list.contacts.length && <EmptyList q={q} />}
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

function resultText(count: number, more: boolean, q: string) {
  const contacts = `${count}${more ? "+" : ""} ${count === 1 && !more ? "contact" : "contacts"}`;
  return q ? `${contacts} matching “${q}”` : `${contacts}, newest first`;
}

function EmptyList({ q }: { q: string }) {
  if (q)
    return (
      <p className="empty">No contact matches “{q}”. Try part of a name, an email, or a few digits of a number.</p>
    );
  return (
    <div className="empty empty--large">
      <p>No contacts yet.</p>
      <p>Create one, or they appear here when someone calls.</p>
    </div>
  );
}
