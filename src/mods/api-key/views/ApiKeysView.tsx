import { useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { useToast } from "../../../ui/kit/components/Toasts";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { useLoad } from "../../../ui/kit/hooks/useLoad";
import { ApiKeyList } from "../components/ApiKeyList";
import { CreateApiKeyForm } from "../components/CreateApiKeyForm";
import { NewApiKeyNotice } from "../components/NewApiKeyNotice";

/** Organization API keys, for machines such as telephony webhooks. */
export function ApiKeysView() {
  useDocumentTitle("API keys");
  const keys = useLoad((signal) => request(api["api-keys"].$get({}, { init: { signal } })), []);
  // The key itself is known only in this answer: it lives in memory and goes with the page.
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const notify = useToast();

  return (
    <div className="page">
      <h1>API keys</h1>
      <p className="lead">
        Machines (a telephony webhook, another service) call the API with a key in the <code>x-api-key</code> header. A
        key acts for this organization, within its scope, as long as the person who made it is a member: removing them
        revokes their keys.
      </p>
      <p>
        {/* A page of its own (not the SPA's): a plain link, which also opens in a new tab when asked. */}
        <a href="/api/docs">API documentation</a>: every route, what it takes and what it answers, with examples.
      </p>
      <section className="card" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New key</h2>
        <CreateApiKeyForm
          onCreated={async (key) => {
            setCreated(key);
            notify(`Created key ${key.name}: copy it now, it is shown only once`);
            await keys.reload();
          }}
        />
        {created && <NewApiKeyNotice name={created.name} apiKey={created.key} onDismiss={() => setCreated(null)} />}
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {keys.error ? <ErrorNotice error={keys.error} onRetry={() => void keys.reload()} /> : null}
        {!keys.data && !keys.error && <Loading what="Loading keys…" />}
        {keys.data && <ApiKeyList keys={keys.data.data} onRevoked={() => keys.reload()} />}
      </section>
    </div>
  );
}
