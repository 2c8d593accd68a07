import { type FormEvent, useState } from "react";
import type { ApiKeyScope } from "../../../db/api-key-schema";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { TextField } from "../../../ui/kit/components/TextField";
import { useAction } from "../../../ui/kit/hooks/useAction";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrorsOf } from "../../../ui/kit/hooks/useFormErrors";
import { apiKeyScopeOrder, apiKeyScopes } from "./api-key-scopes";

export function CreateApiKeyForm({ onCreated }: { onCreated(key: { name: string; key: string }): Promise<void> }) {
  const [name, setName] = useState("");
  // The API's default: a key made without a choice can do everything, as keys always could.
  const [scope, setScope] = useState<ApiKeyScope>("full");
  const { busy, error, run } = useAction();
  const errors = useFormErrorsOf(error, (path) => (path[0] === "name" ? "name" : undefined));
  const formRef = useFocusFirstInvalid(errors.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const created = await request(api["api-keys"].$post({ json: { name, scope } }));
      setName("");
      setScope("full");
      await onCreated(created);
    });
  }

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate>
      <TextField
        label="Key name"
        className="field--medium"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          errors.clear("name");
        }}
        error={errors.fields.name}
        placeholder="e.g. telephony"
        autoComplete="off"
      />
      <fieldset className="choices-field">
        <legend>What the key may do</legend>
        <div className="choices choices--inline">
          {apiKeyScopeOrder.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name="scope"
                value={option}
                checked={scope === option}
                onChange={() => setScope(option)}
              />
              <span className="choice__name">{apiKeyScopes[option].name}</span>
              <span className="choice__note">{apiKeyScopes[option].note}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Create key
        </button>
      </div>
      <ErrorNotice error={errors.form} />
    </form>
  );
}
