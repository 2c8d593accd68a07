import { useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { useToast } from "../../../ui/kit/components/Toasts";
import type { Integration } from "../types/integration";
import { providerGuides } from "./provider-guides";

export function DeleteIntegrationButton({ integration, onDeleted }: { integration: Integration; onDeleted(): void }) {
  const [confirming, setConfirming] = useState(false);
  const notify = useToast();
  const provider = providerGuides[integration.provider].name;
  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
        Delete integration
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete “${integration.name}”?`}
          confirmLabel="Delete integration"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await request(api.integrations[":id"].$delete({ param: { id: integration.id } }));
            onDeleted();
            notify(`Deleted ${integration.name}`);
          }}
        >
          <p>
            Its webhook URLs answer 404 from the next request on: calls through {provider} are no longer identified
            until you connect it again and paste the new URL. Its deliveries are deleted with it. The calls it recorded
            stay.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
