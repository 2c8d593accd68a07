import { type FormEvent, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { errorsByField } from "../../../ui/kit/api/errors";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { TextField } from "../../../ui/kit/components/TextField";
import { useAction } from "../../../ui/kit/hooks/useAction";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";

export function CreateApiKeyForm({ onCreated }: { onCreated(key: { name: string; key: string }): Promise<void> }) {
  const [name, setName] = useState("");
  const { busy, error, run } = useAction();
  const formRef = useFocusFirstInvalid(error);
  const errors = errorsByField(error, (path) => (path[0] === "name" ? "name" : undefined));

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const created = await request(api["api-keys"].$post({ json: { name } }));
      setName("");
      await onCreated(created);
    });
  }

  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate>
      <TextField
        label="Key name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.name}
        placeholder="e.g. telephony"
        autoComplete="off"
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        Create key
      </button>
      <ErrorNotice error={errors.form} />
    </form>
  );
}
