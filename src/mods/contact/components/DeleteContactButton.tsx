import { useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { contactName } from "../../../ui/kit/format";
import type { Contact } from "../types/contact";

export function DeleteContactButton({ contact, onDeleted }: { contact: Contact; onDeleted(): void }) {
  const [confirming, setConfirming] = useState(false);
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
