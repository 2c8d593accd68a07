import { Link } from "wouter";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useLoad } from "../../../ui/kit/hooks/useLoad";
import { ContactList } from "../components/ContactList";
import { PageHeaderWithNewContact } from "../components/PageHeaderWithNewContact";

const NEWEST = 5;

export function DashboardView() {
  useDocumentTitle("Dashboard");
  const stats = useLoad((signal) => request(api.contacts.stats.$get({ query: {} }, { init: { signal } })), []);
  const newest = useLoad(
    (signal) => request(api.contacts.$get({ query: { limit: String(NEWEST) } }, { init: { signal } })),
    [],
  );
  const s = stats.data;

  return (
    <div className="page">
      <PageHeaderWithNewContact title="Dashboard" />
      {stats.error ? <ErrorNotice error={stats.error} onRetry={() => void stats.reload()} /> : null}
      {!s && !stats.error && <Loading what="Counting contacts…" />}
      {s && (
        <dl className="stats">
          <Stat label="Total contacts" value={s.total} note="in this organization" href="/contacts" />
          <Stat label="Active" value={s.active} note={`with a call in the last ${s.active_window_days} days`} />
          <Stat label="Unknown callers" value={s.stubs} note="called, but no name yet" href="/contacts?kind=stub" />
        </dl>
      )}
      <section aria-labelledby="newest-heading" className="dashboard-newest">
        <div className="section-header">
          <h2 id="newest-heading">Newest contacts</h2>
          <Link href="/contacts">All contacts</Link>
        </div>
        {newest.error ? <ErrorNotice error={newest.error} onRetry={() => void newest.reload()} /> : null}
        {!newest.data && !newest.error && <Loading what="Loading contacts…" />}
        {newest.data &&
          (newest.data.data.length ? (
            <ContactList contacts={newest.data.data} />
          ) : (
            <p className="empty">None yet. They appear here as people call, or create one.</p>
          ))}
      </section>
    </div>
  );
}

/**
 * A figure of the dashboard; with `href`, a link to the list of what it counts (the whole tile
 * takes the click; the link reads "3 unknown callers").
 */
function Stat({ label, value, note, href }: { label: string; value: number; note: string; href?: string }) {
  const shown = value.toLocaleString();
  return (
    <div className={href ? "stat stat--link" : "stat"}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">
        {href ? (
          <Link href={href} className="stat__link" aria-label={`${shown} ${label.toLowerCase()}`}>
            {shown}
          </Link>
        ) : (
          shown
        )}
      </dd>
      <dd className="stat__note">{note}</dd>
    </div>
  );
}
