import { type FormEvent, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { TextField } from "../../../ui/kit/components/TextField";
import { useAction } from "../../../ui/kit/hooks/useAction";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrorsOf } from "../../../ui/kit/hooks/useFormErrors";
import type { Integration } from "../types/integration";
import { ProviderPicker } from "./ProviderPicker";
import {
  changedSettingsFields,
  draftOf,
  ProviderSettingsFields,
  type SettingsField,
  settingsFieldOf,
  settingsOf,
} from "./ProviderSettingsFields";
import { type Provider, providerGuides } from "./provider-guides";
import { SecretField } from "./SecretField";

type Field = "name" | "secret" | "webhookSecret" | SettingsField;

/** Connects a platform: its name here, the secret it gave, and what it needs to answer a ring. */
export function CreateIntegrationForm({ onCreated }: { onCreated(integration: Integration): void }) {
  const [provider, setProvider] = useState<Provider>("twilio");
  const [name, setName] = useState("");
  const [secret, setSecret] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [settings, setSettings] = useState(draftOf());
  const { busy, error, setError, run } = useAction();
  const guide = providerGuides[provider];
  const errors = useFormErrorsOf<Field>(error, (path) => {
    if (path[0] === "name" || path[0] === "secret") return path[0];
    if (path[0] === "webhook_secret") return "webhookSecret";
    return settingsFieldOf(path);
  });
  const formRef = useFocusFirstInvalid(errors.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const providerSettings = settingsOf(provider, settings);
    void run(async () => {
      const created = await request(
        api.integrations.$post({
          json: {
            provider,
            name: name.trim(),
            secret: secret.trim(),
            ...(guide.webhookSecret && webhookSecret.trim() && { webhook_secret: webhookSecret.trim() }),
            ...(providerSettings && { settings: providerSettings }),
          },
        }),
      );
      onCreated(created);
    });
  }

  return (
    <form ref={formRef} className="stack integration-form" onSubmit={submit} noValidate>
      <ProviderPicker
        value={provider}
        onChange={(next) => {
          setProvider(next);
          setError(null); // the last refusal was about another provider's fields
        }}
      />
      <div className="field-row">
        <TextField
          label="Name"
          hint="Yours, to tell integrations apart."
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            errors.clear("name");
          }}
          error={errors.fields.name}
          placeholder="e.g. Main line"
          autoComplete="off"
          maxLength={100}
        />
        <SecretField
          label={guide.secret.label}
          hint={guide.secret.hint}
          value={secret}
          onChange={(e) => {
            setSecret(e.target.value);
            errors.clear("secret");
          }}
          error={errors.fields.secret}
        />
      </div>
      {guide.webhookSecret && (
        <div className="field-row">
          <SecretField
            label={`${guide.webhookSecret.label} (optional)`}
            hint={guide.webhookSecret.hint}
            value={webhookSecret}
            onChange={(e) => {
              setWebhookSecret(e.target.value);
              errors.clear("webhookSecret");
            }}
            error={errors.fields.webhookSecret}
          />
        </div>
      )}
      <ProviderSettingsFields
        provider={provider}
        draft={settings}
        onChange={(next) => {
          errors.clear(...changedSettingsFields(settings, next));
          setSettings(next);
        }}
        errors={errors.fields}
      />
      <ErrorNotice error={errors.form} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? "Connecting…" : `Connect ${guide.name}`}
        </button>
      </div>
    </form>
  );
}
