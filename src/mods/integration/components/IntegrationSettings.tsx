import { type FormEvent, type ReactNode, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { TextField } from "../../../ui/kit/components/TextField";
import { useToast } from "../../../ui/kit/components/Toasts";
import { useAction } from "../../../ui/kit/hooks/useAction";
import { useFocusFirstInvalid } from "../../../ui/kit/hooks/useFocusFirstInvalid";
import { useFormErrorsOf } from "../../../ui/kit/hooks/useFormErrors";
import type { Integration, IntegrationUpdate } from "../types/integration";
import { DeleteIntegrationButton } from "./DeleteIntegrationButton";
import {
  changedSettingsFields,
  draftOf,
  hasSettings,
  ProviderSettingsFields,
  type SettingsField,
  settingsFieldOf,
  settingsOf,
} from "./ProviderSettingsFields";
import { providerGuides } from "./provider-guides";
import { SecretField } from "./SecretField";

interface Props {
  integration: Integration;
  onUpdated(integration: Integration): void;
  onDeleted(): void;
}

const update = (id: string, json: IntegrationUpdate) => request(api.integrations[":id"].$put({ param: { id }, json }));

/** Rename, rotate a secret, change what the ring answers with, or disconnect. */
export function IntegrationSettings({ integration, onUpdated, onDeleted }: Props) {
  const guide = providerGuides[integration.provider];
  const save = async (json: IntegrationUpdate) => onUpdated(await update(integration.id, json));
  return (
    <section className="card manage" aria-labelledby="manage-heading">
      <h2 id="manage-heading">Manage</h2>
      <SingleFieldForm
        field="name"
        label="Name"
        initial={integration.name}
        submitLabel="Rename"
        done="Renamed."
        onSubmit={(name) => save({ name })}
      />
      <SingleFieldForm
        field="secret"
        secret
        label={guide.secret.newLabel}
        hint={guide.secret.hint}
        submitLabel="Replace secret"
        done="Replaced: the old secret no longer works."
        onSubmit={(secret) => save({ secret })}
      >
        <p className="manage__current">
          {guide.secret.label}: <code>…{integration.secret_last4}</code>
        </p>
      </SingleFieldForm>
      {guide.webhookSecret && (
        <SingleFieldForm
          field="webhook_secret"
          secret
          label={guide.webhookSecret.newLabel}
          hint={guide.webhookSecret.hint}
          submitLabel={integration.webhook_secret_last4 ? "Replace secret" : "Set secret"}
          done="Saved: post-call deliveries are checked with it from now on."
          onSubmit={(webhook_secret) => save({ webhook_secret })}
        >
          <p className="manage__current">
            {guide.webhookSecret.label}:{" "}
            {integration.webhook_secret_last4 ? (
              <code>…{integration.webhook_secret_last4}</code>
            ) : (
              <span className="muted">not set</span>
            )}
          </p>
        </SingleFieldForm>
      )}
      {hasSettings(integration.provider) && <SettingsForm integration={integration} onSubmit={save} />}
      <div className="manage__section manage__delete">
        <DeleteIntegrationButton integration={integration} onDeleted={onDeleted} />
      </div>
    </section>
  );
}

interface SingleFieldProps {
  /** The API's name of the field: its issues are shown at the input. */
  field: string;
  label: string;
  hint?: string;
  initial?: string;
  secret?: boolean;
  submitLabel: string;
  /** The toast once it is saved. */
  done: string;
  onSubmit(value: string): Promise<void>;
  children?: ReactNode;
}

function SingleFieldForm({
  field,
  label,
  hint,
  initial = "",
  secret,
  submitLabel,
  done,
  onSubmit,
  children,
}: SingleFieldProps) {
  const [value, setValue] = useState(initial);
  const notify = useToast();
  const { busy, error, run } = useAction();
  const errors = useFormErrorsOf(error, (path) => (path[0] === field ? "value" : undefined));
  const formRef = useFocusFirstInvalid(errors.error);
  const Field = secret ? SecretField : TextField;

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await onSubmit(value.trim());
      if (secret) setValue(""); // a secret is not kept on screen once sent
      notify(done);
    });
  }

  return (
    <form ref={formRef} className="manage__section" onSubmit={submit} noValidate>
      {children}
      <div className="inline-form manage__form">
        <Field
          label={label}
          hint={hint}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            errors.clear("value");
          }}
          error={errors.fields.value}
          autoComplete="off"
        />
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {submitLabel}
        </button>
        <ErrorNotice error={errors.form} />
      </div>
    </form>
  );
}

function SettingsForm({
  integration,
  onSubmit,
}: {
  integration: Integration;
  onSubmit(json: IntegrationUpdate): Promise<void>;
}) {
  const [draft, setDraft] = useState(() => draftOf(integration.settings));
  const notify = useToast();
  const { busy, error, run } = useAction();
  const errors = useFormErrorsOf<SettingsField>(error, settingsFieldOf);
  const formRef = useFocusFirstInvalid(errors.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await onSubmit({ settings: settingsOf(integration.provider, draft) ?? {} });
      notify("Saved: the next ring answers with it.");
    });
  }

  return (
    <form ref={formRef} className="manage__section stack" onSubmit={submit} noValidate>
      <ProviderSettingsFields
        provider={integration.provider}
        draft={draft}
        onChange={(next) => {
          errors.clear(...changedSettingsFields(draft, next));
          setDraft(next);
        }}
        errors={errors.fields}
      />
      <ErrorNotice error={errors.form} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          Save settings
        </button>
      </div>
    </form>
  );
}
