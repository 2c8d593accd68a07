import { useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { TextField } from "../../../ui/kit/components/TextField";
import { useToast } from "../../../ui/kit/components/Toasts";
import { contactName } from "../../../ui/kit/format";
import type { Contact } from "../types/contact";

/**
 * What the person types to confirm an erasure: the contact's name; for a contact with no name
 * yet, its preferred number (or email), which is what the page shows for it.
 */
export function erasureWord(contact: Contact) {
  if (!contact.is_stub) return contactName(contact);
  const preferred = <T extends { is_preferred: boolean }>(list: T[]) => list.find((e) => e.is_preferred) ?? list[0];
  return preferred(contact.phones)?.phone_number ?? preferred(contact.emails)?.email ?? "erase";
}

/**
 * Erase: a person's request to be forgotten. Unlike Delete, the contact's calls keep nothing of
 * them either (no number, no transcript): they stay only as counts. Irreversible and easy to
 * confuse with Delete, so the dialog asks for the name to be typed.
 */
export function EraseContactButton({ contact, onErased }: { contact: Contact; onErased(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const notify = useToast();
  const word = erasureWord(contact);
  const close = () => {
    setConfirming(false);
    setTyped("");
  };

  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
        Erase
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Erase ${contactName(contact)}?`}
          confirmLabel="Erase"
          danger
          confirmDisabled={typed.trim() !== word}
          onClose={close}
          onConfirm={async () => {
            await request(api.contacts[":id"].erase.$post({ param: { id: contact.id } }));
            onErased();
            notify(`Erased ${contactName(contact)}`);
          }}
        >
          <p>
            For a person’s request to be forgotten. The contact, its phone numbers and email addresses are deleted, and
            its calls keep no trace of the person: no number, no transcript, only that a call took place. This cannot be
            undone.
          </p>
          <TextField
            label={`Type ${word} to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </ConfirmDialog>
      )}
    </>
  );
}
