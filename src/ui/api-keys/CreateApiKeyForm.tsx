import { useState, type FormEvent } from "react";
import { api, request } from "../api/client";
import { errorsByField } from "../api/errors";
import { ErrorNotice } from "../components/ErrorNotice";
import { TextField } from "../components/TextField";
import { useFocusFirstInvalid } from "../hooks/useFocusFirstInvalid";

export function CreateApiKeyForm({ onCreated }: { onCreated(key: { name: string; key: string }): Promise<void> }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useFocusFirstInvalid(error);
  const errors = errorsByField(error, (path) => (path[0] === "name" ? "name" : undefined));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await request(api["api-keys"].$post({ json: { name } }));
      setName("");
      await onCreated(created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate>
      <TextField label="Key name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} placeholder="e.g. telephony" autoComplete="off" />
      <button type="submit" className="button button--primary" disabled={busy}>
        Create key
      </button>
      <ErrorNotice error={errors.form} />
    </form>
  );
}
