import { type FormEvent, useEffect, useRef, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { TextField } from "../../../ui/kit/components/TextField";
import { contactName, formatDate } from "../../../ui/kit/format";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrors } from "../../../ui/kit/hooks/useFormErrors";
import type { Contact } from "../types/contact";
import { DeleteContactButton } from "./DeleteContactButton";
import { EraseContactButton } from "./EraseContactButton";

interface Props {
  contact: Contact;
  /** The date of the call enrichment filled the contact in from, when it did. */
  enrichedFrom: string | null;
  onRenamed(contact: Contact): void;
  /** The contact was deleted or erased. */
  onDeleted(): void;
}

/** The contact's name as the page's h1, edited in place; and the page's actions. */
export function ContactHeader({ contact, enrichedFrom, onRenamed, onDeleted }: Props) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <header className="contact-header">
      <div className="contact-header__title">
        <h1 className={contact.is_stub ? "stub-name" : undefined}>{contactName(contact)}</h1>
        <p className="contact-header__meta">
          {contact.is_stub ? "No name yet: it is filled in from a call's transcription, or add it yourself. " : null}
          {contact.enriched_from_call_id
            ? `Filled in from the call of ${formatDate(enrichedFrom ?? contact.enriched_at ?? contact.updated_at)}. `
            : null}
          Added {formatDate(contact.created_at)}.
        </p>
      </div>
      {!editing && (
        <div className="contact-header__actions">
          <button ref={editButton} type="button" className="button" onClick={() => setEditing(true)}>
            Edit name
          </button>
          {/* A plain download of everything held about the person (a request for their data), as JSON. */}
          <a href={`/api/contacts/${contact.id}/export`} download={`contact-${contact.id}.json`} className="button">
            Export data
          </a>
          <DeleteContactButton contact={contact} onDeleted={onDeleted} />
          <EraseContactButton contact={contact} onErased={onDeleted} />
        </div>
      )}
      {editing && (
        <NameForm
          contact={contact}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            onRenamed(updated);
            setEditing(false);
          }}
        />
      )}
    </header>
  );
}

function NameForm({
  contact,
  onSaved,
  onCancel,
}: {
  contact: Contact;
  onSaved(contact: Contact): void;
  onCancel(): void;
}) {
  const [firstName, setFirstName] = useState(contact.first_name);
  const [lastName, setLastName] = useState(contact.last_name);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors<"first_name" | "last_name">();
  const formRef = useFocusFirstInvalid(errors.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    errors.reset();
    try {
      onSaved(
        await request(
          api.contacts[":id"].$put({ param: { id: contact.id }, json: { first_name: firstName, last_name: lastName } }),
        ),
      );
    } catch (e) {
      errors.fail(e, (path) => (path[0] === "first_name" || path[0] === "last_name" ? path[0] : undefined));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="name-form"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <div className="field-row">
        <TextField
          label="First name"
          value={firstName}
          onChange={(e) => {
            setFirstName(e.target.value);
            errors.clear("first_name");
          }}
          error={errors.fields.first_name}
          autoFocus
          autoComplete="off"
        />
        <TextField
          label="Last name"
          value={lastName}
          onChange={(e) => {
            setLastName(e.target.value);
            errors.clear("last_name");
          }}
          error={errors.fields.last_name}
          autoComplete="off"
        />
      </div>
      {errors.form ? (
        <p role="alert" className="field__error">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
