import { Link } from "wouter";
import { formatDate } from "../../../ui/kit/format";
import type { Integration } from "../types/integration";
import { providerGuides } from "./provider-guides";

/** The organization's integrations, newest first: each opens its own page. */
export function IntegrationList({ integrations }: { integrations: Integration[] }) {
  if (!integrations.length) {
    return <p className="empty">Nothing connected yet. Pick a platform above and paste the secret it gives you.</p>;
  }
  return (
    <ul className="key-list">
      {integrations.map((integration) => (
        <li key={integration.id} className="key-list__item">
          <div className="key-list__main">
            <Link href={`/integrations/${integration.id}`} className="key-list__name">
              {integration.name}
            </Link>
            <span className="badge badge--preferred">{providerGuides[integration.provider].name}</span>
          </div>
          <p className="key-list__meta">
            Secret <code>…{integration.secret_last4}</code> · connected {formatDate(integration.created_at)}
          </p>
        </li>
      ))}
    </ul>
  );
}
