import { Link, useLocation } from "wouter";
import { useHistoryState } from "wouter/use-browser-location";
import { api, request } from "../../../ui/kit/api/client";
import { isNotFound } from "../../../ui/kit/api/error-messages";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { formatDate } from "../../../ui/kit/format";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useLoad } from "../../../ui/kit/hooks/useLoad";
import { AdminOnlyNotice, isForbidden } from "../components/AdminOnlyNotice";
import { DeliveryList } from "../components/DeliveryList";
import { IntegrationSettings } from "../components/IntegrationSettings";
import { providerGuides } from "../components/provider-guides";
import { SetupGuide } from "../components/SetupGuide";
import { useDeliveryPages } from "../components/useDeliveryPages";

/** One integration: the URLs to paste and the provider's steps, its settings, and its latest deliveries. */
export function IntegrationView({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const justCreated = useHistoryState<{ created?: boolean } | null>()?.created === true;
  const integration = useLoad(
    (signal) => request(api.integrations[":id"].$get({ param: { id } }, { init: { signal } })),
    [id],
  );
  const deliveries = useDeliveryPages(id);
  useDocumentTitle(integration.data?.name ?? "Integration");

  const back = (
    <Link href="/integrations" className="back-link">
      ← Integrations
    </Link>
  );

  if (isNotFound(integration.error)) {
    return (
      <div className="page">
        {back}
        <h1>Integration not found</h1>
        <p>This organization has no such integration. It may have been deleted.</p>
      </div>
    );
  }
  if (isForbidden(integration.error)) {
    return (
      <div className="page">
        {back}
        <h1>Integration</h1>
        <AdminOnlyNotice />
      </div>
    );
  }
  if (!integration.data) {
    return (
      <div className="page">
        {back}
        {integration.error ? (
          <ErrorNotice error={integration.error} onRetry={() => void integration.reload()} />
        ) : (
          <Loading what="Loading integration…" />
        )}
      </div>
    );
  }

  const data = integration.data;
  const guide = providerGuides[data.provider];
  return (
    <div className="page">
      {back}
      <header className="contact-header__title">
        <h1>{data.name}</h1>
        <p className="contact-header__meta">
          {guide.name} · secret <code>…{data.secret_last4}</code> · connected {formatDate(data.created_at)}
        </p>
      </header>
      {justCreated && (
        <div className="notice notice--success" role="status">
          <p>
            <strong>{guide.name} is connected.</strong> Paste the URL below into its console as the steps say, then
            place a test call: it shows up under Deliveries.
          </p>
        </div>
      )}
      <div className="details-grid integration-grid">
        <SetupGuide integration={data} />
        <IntegrationSettings
          integration={data}
          onUpdated={integration.setData}
          onDeleted={() => navigate("/integrations", { replace: true })}
        />
      </div>
      <DeliveryList pages={deliveries} />
    </div>
  );
}
