import { type FormEvent, useState } from "react";
import { ApiFailure } from "../../../ui/kit/api/errors";
import { TextField } from "../../../ui/kit/components/TextField";
import { useToast } from "../../../ui/kit/components/Toasts";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrors } from "../../../ui/kit/hooks/useFormErrors";
import type { Email, Phone } from "../types/contact";
import { ConflictMessage } from "./ConflictMessage";
import { type EntryScreen, entryFieldOf } from "./entry-screens";

interface Props<E extends Phone | Email> {
  screen: EntryScreen<E>;
  contactId: string;
  onAdded(): Promise<void>;
}

/**
 * Adds a phone or an email; the API's refusal shows at the fields it concerns, each message until
 * its field changes.
 */
export function AddEntryForm<E extends Phone | Email>({ screen, contactId, onAdded }: Props<E>) {
  const [value, setValue] = useState("");
  const [label, setLabel] = useState("");
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors<"value" | "label">();
  const formRef = useFocusFirstInvalid(errors.error);
  const notify = useToast();

  const conflict =
    errors.error instanceof ApiFailure && errors.error.status === 409 && errors.fields.value ? (
      <ConflictMessage failure={errors.error} currentContactId={contactId} />
    ) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    errors.reset();
    try {
      const added = await screen.add(contactId, value, label.trim() || null);
      await onAdded();
      notify(`Added ${screen.valueOf(added)}`);
      setValue("");
      setLabel("");
    } catch (e) {
      errors.fail(e, entryFieldOf(screen));
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
          onChange={(e) => {
            setValue(e.target.value);
            errors.clear("value");
          }}
          error={conflict ?? errors.fields.value}
          autoComplete="off"
          className="add-entry__value"
        />
        <TextField
          label="Label"
          value={label}
          onChange={(e) => {
            setLabel(e.target.value);
            errors.clear("label");
          }}
          error={errors.fields.label}
          placeholder={screen.inputType === "tel" ? "e.g. Mobile" : "e.g. Work"}
          autoComplete="off"
          className="add-entry__label"
        />
        <button type="submit" className="button" disabled={busy}>
          {screen.addLabel}
        </button>
      </div>
      {errors.form ? (
        <p role="alert" className="field__error">
          {errors.form}
        </p>
      ) : null}
    </form>
  );
}
