import { useState } from "react";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { useToast } from "../../../ui/kit/components/Toasts";
import type { Email, Phone } from "../types/contact";
import type { EntryScreen } from "./entry-screens";

interface Props<E extends Phone | Email> {
  screen: EntryScreen<E>;
  contactId: string;
  entry: E;
  disabled: boolean;
  /** Reads the contact again: deleting the preferred entry makes another one preferred. */
  onChanged(): Promise<void>;
}

/**
 * Deletes a phone or an email after asking, then offers Undo: a number deleted by mistake stops
 * identifying its caller at once, so the way back is one click, and puts it back as it was.
 */
export function DeleteEntryButton<E extends Phone | Email>({
  screen,
  contactId,
  entry,
  disabled,
  onChanged,
}: Props<E>) {
  const [confirming, setConfirming] = useState(false);
  const notify = useToast();
  const value = screen.valueOf(entry);
  const isPhone = screen.inputType === "tel";

  async function remove() {
    await screen.remove(contactId, entry.id);
    try {
      await onChanged();
    } finally {
      setConfirming(false); // the card is gone by now, unless reading the contact again failed
      // After the card has gone, so that the Undo can take the focus the Delete button had.
      notify(`Deleted ${value}`, {
        label: "Undo",
        run: async () => {
          await screen.restore(contactId, entry);
          await onChanged();
          notify(`Restored ${value}`);
        },
      });
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--small button--danger-quiet"
        aria-label={`Delete ${value}`}
        disabled={disabled}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${value}?`}
          confirmLabel="Delete"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={remove}
        >
          <p>
            {isPhone
              ? "Calls from this number are no longer identified as this contact."
              : "The address is no longer part of this contact."}
            {entry.is_preferred && " Another one, if there is one, becomes preferred."} You can undo this right after.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
