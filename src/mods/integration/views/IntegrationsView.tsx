import { useLocation } from "wouter";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { useToast } from "../../../ui/kit/components/Toasts";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useLoad } from "../../../ui/kit/hooks/useLoad";
import { AdminOnlyNotice, isForbidden } from "../components/AdminOnlyNotice";
import { CreateIntegrationForm } from "../components/CreateIntegrationForm";
import { IntegrationList } from "../components/IntegrationList";

/** Telephony providers and voice-agent platforms: connect one, see those connected. */
export function IntegrationsView() {
  useDocumentTitle("Integrations");
  const [, navigate] = useLocation();
  const notify = useToast();
  const list = useLoad((signal) => request(api.integrations.$get({}, { init: { signal } })), []);

  return (
    <div className="page">
      <h1>Integrations</h1>
      <p className="lead">
        Connect your telephony provider or voice-agent platform once: it then calls this service on every ring and gets
        the caller's identity back in its own format, and sends the transcript after the call.
      </p>
      {isForbidden(list.error) ? (
        <AdminOnlyNotice />
      ) : (
        <>
          <section className="card" aria-labelledby="new-integration-heading">
            <h2 id="new-integration-heading">Connect a platform</h2>
            <CreateIntegrationForm
              onCreated={(integration) => {
                navigate(`/integrations/${integration.id}`, { state: { created: true } });
                notify(`Connected ${integration.name}`);
              }}
            />
          </section>
          <section aria-labelledby="integrations-heading">
            <h2 id="integrations-heading">Connected</h2>
            {list.error ? <ErrorNotice error={list.error} onRetry={() => void list.reload()} /> : null}
            {!list.data && !list.error && <Loading what="Loading integrations…" />}
            {list.data && <IntegrationList integrations={list.data.data} />}
          </section>
        </>
      )}
    </div>
  );
}
