import { useState } from "react";
import type { z } from "zod";
import { api, request } from "../../../ui/kit/api/client";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { useToast } from "../../../ui/kit/components/Toasts";
import { formatDateTime } from "../../../ui/kit/format";
import type { ApiKeySchema } from "../types/api-key";
import { apiKeyScopes } from "./api-key-scopes";

type ApiKey = z.infer<typeof ApiKeySchema>;

/** Who made the key, as people recognise them; null once that user is gone. */
const creatorOf = (key: ApiKey) =>
  key.created_by ? `${key.created_by.name} (${key.created_by.email})` : "a former user";

export function ApiKeyList({ keys, onRevoked }: { keys: ApiKey[]; onRevoked(): Promise<void> }) {
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const notify = useToast();

  if (!keys.length) return <p className="empty">No keys yet. Create one above for your telephony provider.</p>;
  return (
    <>
      <ul className="key-list">
        {keys.map((key) => (
          <li key={key.id} className="key-list__item">
            <div className="key-list__main">
              <span className="key-list__name">{key.name}</span>
              <code className="key-list__start">{key.start}…</code>
              <span
                className={`badge ${key.scope === "calls" ? "badge--muted" : "badge--warn"}`}
                title={apiKeyScopes[key.scope].note}
              >
                {apiKeyScopes[key.scope].name}
              </span>
            </div>
            <p className="key-list__meta">
              Created {formatDateTime(key.created_at)} by {creatorOf(key)} ·{" "}
              {key.last_used_at ? `last used ${formatDateTime(key.last_used_at)}` : "never used"}
            </p>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              aria-label={`Revoke ${key.name}`}
              onClick={() => setRevoking(key)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await request(api["api-keys"][":id"].$delete({ param: { id: revoking.id } }));
            await onRevoked();
            setRevoking(null);
            notify(`Revoked ${revoking.name}`);
          }}
        >
          <p>Whatever uses this key is refused from the next request on. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
