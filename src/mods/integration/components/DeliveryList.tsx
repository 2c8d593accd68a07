import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { formatDateTime } from "../../../ui/kit/format";
import { type Delivery, deliveryKinds, deliveryOutcomes } from "./provider-guides";
import type { useDeliveryPages } from "./useDeliveryPages";

type Pages = ReturnType<typeof useDeliveryPages>;

/** Each call's contact, asked once per call for the whole list (a ring and its transcript share one). */
type ContactOf = Map<string, Promise<string | null>>;

/** The webhook requests that reached this integration and what became of them: the place to diagnose a setup. */
export function DeliveryList({ pages }: { pages: Pages }) {
  const { deliveries, error, loading, hasMore, refresh, loadMore } = pages;
  const contacts = useRef<ContactOf>(new Map());
  return (
    <section className="card" aria-labelledby="deliveries-heading">
      <div className="section-header">
        <h2 id="deliveries-heading">Deliveries</h2>
        <button type="button" className="button button--small" onClick={() => void refresh()} disabled={loading}>
          Refresh
        </button>
      </div>
      <p className="field__hint deliveries__intro">
        Every request to this integration's URLs, newest first, with what became of it.
      </p>
      {error ? <ErrorNotice error={error} onRetry={() => void refresh()} /> : null}
      {!deliveries && !error && <Loading what="Loading deliveries…" />}
      {deliveries && !deliveries.length && (
        <p className="empty">
          None yet. Once the URL is pasted into the provider's console, place a test call: it shows up here.
        </p>
      )}
      {deliveries && deliveries.length > 0 && (
        <ul className="call-list deliveries">
          {deliveries.map((delivery) => (
            <DeliveryItem key={delivery.id} delivery={delivery} contacts={contacts.current} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button load-more" onClick={() => void loadMore()} disabled={loading}>
          {loading ? "Loading…" : "Load more deliveries"}
        </button>
      )}
    </section>
  );
}

function DeliveryItem({ delivery, contacts }: { delivery: Delivery; contacts: ContactOf }) {
  const outcome = deliveryOutcomes[delivery.outcome];
  return (
    <li className="call delivery">
      <div className="delivery__head">
        <span className={`badge badge--${outcome.tone}`}>{outcome.label}</span>
        <span className="delivery__what">
          {deliveryKinds[delivery.kind]}
          {delivery.event && (
            <>
              {" · "}
              <code>{delivery.event}</code>
            </>
          )}
        </span>
        <time className="delivery__time" dateTime={delivery.received_at}>
          {formatDateTime(delivery.received_at)}
        </time>
      </div>
      {delivery.detail && <p className="delivery__detail">{delivery.detail}</p>}
      {delivery.call_id && (
        <p className="delivery__call">
          Call <code className="delivery__call-id">{delivery.call_id}</code>
          <CallContact callId={delivery.call_id} contacts={contacts} />
        </p>
      )}
    </li>
  );
}

/** A link to the call's contact, when it has one (a withheld caller has none). */
function CallContact({ callId, contacts }: { callId: string; contacts: ContactOf }) {
  const [contactId, setContactId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let asked = contacts.get(callId);
    if (!asked) {
      asked = request(api.calls[":id"].$get({ param: { id: callId } })).then(
        (call) => call.contact_id,
        () => null, // the call's page is not here yet: its id says enough
      );
      contacts.set(callId, asked);
    }
    void asked.then((id) => live && setContactId(id));
    return () => {
      live = false;
    };
  }, [callId, contacts]);
  if (!contactId) return null;
  return (
    <>
      {" · "}
      <Link href={`/contacts/${contactId}`}>Caller's contact</Link>
    </>
  );
}
