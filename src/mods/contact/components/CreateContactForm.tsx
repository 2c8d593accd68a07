import { type FormEvent, type ReactNode, useState } from "react";
import { Link } from "wouter";
import { api, request } from "../../../ui/kit/api/client";
import { ApiFailure } from "../../../ui/kit/api/errors";
import { TextField } from "../../../ui/kit/components/TextField";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrors } from "../../../ui/kit/hooks/useFormErrors";
import type { Contact } from "../types/contact";
import { ConflictMessage } from "./ConflictMessage";
import { EntryRowsFieldset } from "./EntryRowsFieldset";
import {
  type EntryKind,
  type EntryRow,
  emptyContact,
  type FormField,
  newRow,
  rowField,
  toRequest,
} from "./new-contact-rows";

/**
 * A name, phones and emails (rows added and removed, each with a label, one of each kind
 * preferred). The API checks it all at once: every issue shows at its field, in words for
 * people, and goes as soon as its field changes.
 */
export function CreateContactForm({ onCreated }: { onCreated(contact: Contact): void }) {
  const [values, setValues] = useState(emptyContact);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors<FormField>();
  const formRef = useFocusFirstInvalid(errors.error);

  /** A 409 shows at the field that holds the taken value, with a link to the contact holding it. */
  const shown: Partial<Record<FormField, ReactNode>> = { ...errors.fields };
  if (errors.error instanceof ApiFailure && errors.error.status === 409) {
    const failure = errors.error;
    for (const field of Object.keys(shown) as FormField[]) shown[field] = <ConflictMessage failure={failure} />;
  }

  const setRows = (kind: EntryKind, change: (rows: EntryRow[]) => EntryRow[]) =>
    setValues((v) => ({ ...v, [kind]: change(v[kind]) }));
  const editRow = (kind: EntryKind, key: number, part: "value" | "label", text: string) => {
    setRows(kind, (rows) => rows.map((row) => (row.key === key ? { ...row, [part]: text } : row)));
    errors.clear(rowField(kind, key, part));
  };
  const removeRow = (kind: EntryKind, key: number) => {
    setValues((v) => {
      const rows = v[kind].filter((row) => row.key !== key);
      // The preferred row gone, the first one left is preferred.
      const preferred = v.preferred[kind] === key ? rows[0]?.key : v.preferred[kind];
      return { ...v, [kind]: rows, preferred: { ...v.preferred, [kind]: preferred } };
    });
    errors.clear(rowField(kind, key, "value"), rowField(kind, key, "label"));
  };
  const addRow = (kind: EntryKind) => {
    const row = newRow();
    setValues((v) => ({
      ...v,
      [kind]: [...v[kind], row],
      preferred: { ...v.preferred, [kind]: v.preferred[kind] ?? row.key },
    }));
    return row.key;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { body, fieldOf } = toRequest(values);
    setBusy(true);
    errors.reset();
    try {
      onCreated(await request(api.contacts.$post({ json: body })));
    } catch (e) {
      errors.fail(e, fieldOf);
      setBusy(false);
    }
  }

  const rowsOf = (kind: EntryKind) => (
    <EntryRowsFieldset
      kind={kind}
      rows={values[kind]}
      preferred={values.preferred[kind]}
      errors={shown}
      onValue={(key, text) => editRow(kind, key, "value", text)}
      onLabel={(key, text) => editRow(kind, key, "label", text)}
      onPrefer={(key) => setValues((v) => ({ ...v, preferred: { ...v.preferred, [kind]: key } }))}
      onAdd={() => addRow(kind)}
      onRemove={(key) => removeRow(kind, key)}
    />
  );

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate>
      {errors.form ? (
        <div role="alert" className="notice notice--error">
          <p>{errors.form}</p>
        </div>
      ) : null}
      <div className="field-row">
        <TextField
          label="First name"
          value={values.firstName}
          onChange={(e) => {
            setValues((v) => ({ ...v, firstName: e.target.value }));
            errors.clear("firstName");
          }}
          error={shown.firstName}
          autoComplete="off"
          autoFocus
        />
        <TextField
          label="Last name"
          value={values.lastName}
          onChange={(e) => {
            setValues((v) => ({ ...v, lastName: e.target.value }));
            errors.clear("lastName");
          }}
          error={shown.lastName}
          autoComplete="off"
        />
      </div>
      {rowsOf("phones")}
      {rowsOf("emails")}
      <p className="field__hint">Give at least a name, a phone number or an email address.</p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Create contact
        </button>
        <Link href="/contacts" className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}
