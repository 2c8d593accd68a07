import { type ChangeEvent, type FormEvent, type ReactNode, useState } from "react";
import { Link } from "wouter";
import { api, request } from "../../../ui/kit/api/client";
import { ApiFailure, errorsByField, type Issue } from "../../../ui/kit/api/errors";
import { TextField } from "../../../ui/kit/components/TextField";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import type { Contact, NewContact } from "../types/contact";
import { ConflictMessage, conflictField } from "./ConflictMessage";

type Field = "firstName" | "lastName" | "phone" | "email";

/** Where the API's issue paths point in this form: ["phones", 0, "phone_number"] is the phone. */
function fieldOf(path: Issue["path"]): Field | undefined {
  switch (path[0]) {
    case "first_name":
      return "firstName";
    case "last_name":
      return "lastName";
    case "phones":
      return "phone";
    case "emails":
      return "email";
  }
}

/** Names, a phone and an email; the API validates, and its errors show at their fields. */
export function CreateContactForm({ onCreated }: { onCreated(contact: Contact): void }) {
  const [values, setValues] = useState<Record<Field, string>>({ firstName: "", lastName: "", phone: "", email: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useFocusFirstInvalid(error);

  const { fields, form } = errorsByField(error, fieldOf);
  const shown: Partial<Record<Field, ReactNode>> = { ...fields };
  let formError: ReactNode = form;
  if (error instanceof ApiFailure && error.status === 409) {
    const field = conflictField(error);
    const message = <ConflictMessage failure={error} />;
    if (field) {
      shown[field] = message;
      formError = undefined;
    } else {
      formError = message;
    }
  }

  const set = (field: Field) => (e: ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: NewContact = {};
    if (values.firstName.trim()) body.first_name = values.firstName;
    if (values.lastName.trim()) body.last_name = values.lastName;
    if (values.phone.trim()) body.phones = [{ phone_number: values.phone }];
    if (values.email.trim()) body.emails = [{ email: values.email }];
    setBusy(true);
    setError(null);
    try {
      onCreated(await request(api.contacts.$post({ json: body })));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate>
      {formError ? (
        <div role="alert" className="notice notice--error">
          <p>{formError}</p>
        </div>
      ) : null}
      <div className="field-row">
        <TextField
          label="First name"
          value={values.firstName}
          onChange={set("firstName")}
          error={shown.firstName}
          autoComplete="off"
          autoFocus
        />
        <TextField
          label="Last name"
          value={values.lastName}
          onChange={set("lastName")}
          error={shown.lastName}
          autoComplete="off"
        />
      </div>
      <TextField
        label="Phone"
        type="tel"
        value={values.phone}
        onChange={set("phone")}
        error={shown.phone}
        hint="Any format, e.g. +1 415 555 2671 or (415) 555-2671."
        autoComplete="off"
      />
      <TextField
        label="Email"
        type="email"
        value={values.email}
        onChange={set("email")}
        error={shown.email}
        autoComplete="off"
      />
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
