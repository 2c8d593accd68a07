import { useEffect, useRef } from "react";
import { Link, useLocation } from "wouter";
import { api, request } from "../../../ui/kit/api/client";
import { isNotFound } from "../../../ui/kit/api/error-messages";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { useToast } from "../../../ui/kit/components/Toasts";
import { contactName } from "../../../ui/kit/format";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useLoad } from "../../../ui/kit/hooks/useLoad";
import { useCallPages } from "../../call/components/useCallPages";
import type { CallSummary } from "../../call/types/call";
import { ContactDetails } from "../components/ContactDetails";

/**
 * While a call's enrichment is queued, or a recent call of an unnamed contact still waits for its
 * transcription, the page looks again this often, this many times at most (5 minutes).
 */
const POLL_MS = 2000;
const MAX_POLLS = 150;
const RECENT_CALL_MS = 10 * 60 * 1000;

export function ContactDetailsView({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const notify = useToast();
  const contact = useLoad((signal) => request(api.contacts[":id"].$get({ param: { id } }, { init: { signal } })), [id]);
  const duplicates = useLoad(
    (signal) => request(api.contacts[":id"].duplicates.$get({ param: { id } }, { init: { signal } })),
    [id],
  );
  const calls = useCallPages(id);
  useDocumentTitle(contact.data ? contactName(contact.data) : "Contact");
  const waiting = (c: CallSummary) =>
    c.enrichment_status === "queued" ||
    (c.enrichment_status === null && contact.data?.is_stub && Date.now() - Date.parse(c.created_at) < RECENT_CALL_MS);
  useEnrichmentPolling(calls.calls?.some(waiting) ?? false, calls.calls, async () => {
    await Promise.all([calls.refresh(), contact.reload(), duplicates.reload()]);
  });

  if (isNotFound(contact.error)) {
    return (
      <div className="page">
        <h1>Contact not found</h1>
        <p>This organization has no such contact. It may have been deleted or merged into another.</p>
        <p>
          <Link href="/contacts">Back to contacts</Link>
        </p>
      </div>
    );
  }
  if (!contact.data) {
    return (
      <div className="page">
        {contact.error ? (
          <ErrorNotice error={contact.error} onRetry={() => void contact.reload()} />
        ) : (
          <Loading what="Loading contact…" />
        )}
      </div>
    );
  }

  return (
    <ContactDetails
      contact={contact.data}
      calls={calls}
      duplicates={duplicates}
      onChanged={contact.reload}
      onRenamed={(updated) => {
        contact.setData(updated);
        notify(`Renamed to ${contactName(updated)}`);
        void duplicates.reload(); // same-name suggestions follow the name
      }}
      onDeleted={() => navigate("/contacts")}
      onMerge={async (other) => {
        const merged = await request(api.contacts[":id"].merge.$post({ param: { id: other.id }, json: { into: id } }));
        contact.setData(merged);
        notify(`Merged ${contactName(other)} into ${contactName(merged)}`);
        await Promise.all([calls.refresh(), duplicates.reload()]);
      }}
      onRerun={async (callId) => {
        await request(api.calls[":id"].enrich.$post({ param: { id: callId } }));
        await calls.refresh();
      }}
    />
  );
}

/** Enrichment runs in a queue consumer: while a call waits for it, look again now and then. */
function useEnrichmentPolling(pending: boolean, version: unknown, poll: () => Promise<void>) {
  const polls = useRef(0);
  const pollRef = useRef(poll);
  pollRef.current = poll;
  useEffect(() => {
    if (!pending) {
      polls.current = 0;
      return;
    }
    if (polls.current >= MAX_POLLS) return;
    const timer = setTimeout(() => {
      polls.current++;
      void pollRef.current();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, version]);
}
