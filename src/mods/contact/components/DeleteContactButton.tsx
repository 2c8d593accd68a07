import { useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { useToast } from "../../../ui/kit/components/Toasts";
import { contactName } from "../../../ui/kit/format";
import type { Contact } from "../types/contact";

export function DeleteContactButton({ contact, onDeleted }: { contact: Contact; onDeleted(): void }) {
  const [confirming, setConfirming] = useState(false);
  const notify = useToast();
  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
        Delete contact
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${contactName(contact)}?`}
          confirmLabel="Delete"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await request(api.contacts[":id"].$delete({ param: { id: contact.id } }));
            onDeleted();
            // The page goes back to the list, where nothing else would say it happened.
            notify(`Deleted ${contactName(contact)}`);
          }}
        >
          <p>
            Its phone numbers and email addresses are deleted with it. Its calls stay on record, without a contact. This
            cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
