import { type FormEvent, useState } from "react";
import { ApiFailure, errorsByField } from "../../../ui/kit/api/errors";
import { TextField } from "../../../ui/kit/components/TextField";
import { useToast } from "../../../ui/kit/components/Toasts";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import type { Email, Phone } from "../types/contact";
import { ConflictMessage } from "./ConflictMessage";
import type { EntryScreen } from "./entry-screens";

interface Props<E extends Phone | Email> {
  screen: EntryScreen<E>;
  contactId: string;
  onAdded(): Promise<void>;
}

/** Adds a phone or an email; the API's refusal shows at the field it concerns. */
export function AddEntryForm<E extends Phone | Email>({ screen, contactId, onAdded }: Props<E>) {
  const [value, setValue] = useState("");
  const [label, setLabel] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useFocusFirstInvalid(error);
  const notify = useToast();

  const { fields, form } = errorsByField(error, (path) =>
    path[0] === screen.field ? "value" : path[0] === "label" ? "label" : undefined,
  );
  const conflict =
    error instanceof ApiFailure && error.status === 409 ? (
      <ConflictMessage failure={error} currentContactId={contactId} />
    ) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const added = await screen.add(contactId, value, label.trim() || null);
      await onAdded();
      notify(`Added ${screen.valueOf(added)}`);
      setValue("");
      setLabel("");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="add-entry" onSubmit={submit} noValidate>
      <div className="add-entry__fields">
        <TextField
          label={screen.valueLabel}
          type={screen.inputType}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={conflict ?? fields.value}
          autoComplete="off"
          className="add-entry__value"
        />
        <TextField
          label="Label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={fields.label}
          placeholder={screen.inputType === "tel" ? "e.g. Mobile" : "e.g. Work"}
          autoComplete="off"
          className="add-entry__label"
        />
        <button type="submit" className="button" disabled={busy}>
          {screen.addLabel}
        </button>
      </div>
      {!conflict && form ? (
        <p role="alert" className="field__error">
          {form}
        </p>
      ) : null}
    </form>
  );
}
