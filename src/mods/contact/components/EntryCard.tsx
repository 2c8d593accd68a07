import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { messageOf } from "../../../ui/kit/api/error-messages";
import { ApiFailure } from "../../../ui/kit/api/errors";
import { TextField } from "../../../ui/kit/components/TextField";
import { useToast } from "../../../ui/kit/components/Toasts";
import { useAction } from "../../../ui/kit/hooks/useAction";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrorsOf } from "../../../ui/kit/hooks/useFormErrors";
import type { Email, Phone } from "../types/contact";
import { ConflictMessage } from "./ConflictMessage";
import { DeleteEntryButton } from "./DeleteEntryButton";
import { type EntryScreen, entryFieldOf } from "./entry-screens";

interface Props<E extends Phone | Email> {
  screen: EntryScreen<E>;
  contactId: string;
  entry: E;
  /** After any change: preferring or deleting one changes its siblings too, so the contact is read again. */
  onChanged(): Promise<void>;
  children?: ReactNode;
}

/** A phone or an email: its value, label and preference, with edit, make preferred and delete. */
export function EntryCard<E extends Phone | Email>({ screen, contactId, entry, onChanged, children }: Props<E>) {
  const value = screen.valueOf(entry);
  const [editing, setEditing] = useState(false);
  const { busy, error, setError, run: runAction } = useAction();
  const editButton = useReturnFocus(editing);
  const notify = useToast();

  /** A change to this entry, then the contact read again. */
  const run = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      await onChanged();
    });

  return (
    <li className={entry.is_preferred ? "entry entry--preferred" : "entry"}>
      {/* The value has a line of its own and the badge and label one below: a long address wraps
          inside its line and never moves the badge, the label or the buttons. */}
      <div className="entry__main">
        <span className="entry__value">
          <screen.Value value={value} />
        </span>
        {(entry.is_preferred || entry.label) && (
          <span className="entry__meta">
            {entry.is_preferred && <span className="badge badge--preferred">Preferred</span>}
            {entry.label && <span className="entry__label">{entry.label}</span>}
          </span>
        )}
      </div>
      {children}
      {editing ? (
        <EntryEditForm
          screen={screen}
          entry={entry}
          contactId={contactId}
          busy={busy}
          error={error}
          onCancel={() => {
            setEditing(false);
            setError(null);
          }}
          onSave={async (patch) => {
            const saved = await run(async () => {
              notify(`Saved ${screen.valueOf(await screen.update(contactId, entry.id, patch))}`);
            });
            if (saved) setEditing(false);
          }}
        />
      ) : (
        <div className="entry__actions">
          {!entry.is_preferred && (
            <button
              type="button"
              className="button button--small"
              // The visible words first, so that "click Make preferred" finds it by voice (WCAG 2.5.3).
              aria-label={`Make preferred: ${value}`}
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await screen.update(contactId, entry.id, { is_preferred: true });
                  notify(`${value} is now preferred`);
                })
              }
            >
              Make preferred
            </button>
          )}
          <button
            ref={editButton}
            type="button"
            className="button button--small"
            aria-label={`Edit ${value}`}
            disabled={busy}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <DeleteEntryButton
            screen={screen}
            contactId={contactId}
            entry={entry}
            disabled={busy}
            onChanged={onChanged}
          />
        </div>
      )}
      {!editing && error ? (
        <p role="alert" className="field__error">
          {messageOf(error)}
        </p>
      ) : null}
    </li>
  );
}

/** When the edit form closes, focus goes back to the Edit button that opened it. */
function useReturnFocus(editing: boolean) {
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  useEffect(() => {
    if (wasEditing.current && !editing) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return button;
}

interface EditProps<E extends Phone | Email> {
  screen: EntryScreen<E>;
  entry: E;
  contactId: string;
  busy: boolean;
  error: unknown;
  onSave(patch: { value: string; label: string | null }): Promise<void>;
  onCancel(): void;
}

function EntryEditForm<E extends Phone | Email>({
  screen,
  entry,
  contactId,
  busy,
  error,
  onSave,
  onCancel,
}: EditProps<E>) {
  const original = screen.valueOf(entry);
  const [value, setValue] = useState(original);
  const [label, setLabel] = useState(entry.label ?? "");
  // Each save's failure, at its fields until they change.
  const errors = useFormErrorsOf(error, entryFieldOf(screen));
  const formRef = useFocusFirstInvalid(errors.error);
  const conflict =
    errors.error instanceof ApiFailure && errors.error.status === 409 && errors.fields.value ? (
      <ConflictMessage failure={errors.error} currentContactId={contactId} />
    ) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    void onSave({ value, label: label.trim() || null });
  }

  return (
    <form ref={formRef} className="entry__edit" onSubmit={submit} noValidate>
      <fieldset>
        <legend className="visually-hidden">Edit {original}</legend>
        <div className="field-row">
          <TextField
            label={screen.editLabel}
            type={screen.inputType}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              errors.clear("value");
            }}
            error={conflict ?? errors.fields.value}
            autoFocus
            autoComplete="off"
          />
          <TextField
            label="Label"
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              errors.clear("label");
            }}
            error={errors.fields.label}
            placeholder="e.g. Work"
            autoComplete="off"
          />
        </div>
      </fieldset>
      {errors.form ? (
        <p role="alert" className="field__error">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button button--small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
