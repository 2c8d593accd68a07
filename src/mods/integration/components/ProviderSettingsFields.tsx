import { useId } from "react";
import type { Issue } from "../../../ui/kit/api/errors";
import { TextField } from "../../../ui/kit/components/TextField";
import { type Provider, type TwilioMode, twilioModes, vapiAssistant } from "./provider-guides";

/** The settings a provider needs, as the form holds them: Twilio's way on after the ring, Vapi's assistant. */
export interface SettingsDraft {
  twilioMode: TwilioMode;
  url: string;
  assistantId: string;
}

export type SettingsField = "url" | "assistantId";

export function draftOf(settings: Record<string, string> = {}): SettingsDraft {
  const twilioMode: TwilioMode = settings.redirect_url !== undefined ? "redirect_url" : "stream_url";
  return { twilioMode, url: settings[twilioMode] ?? "", assistantId: settings.assistant_id ?? "" };
}

/** The `settings` the API takes for the provider; undefined when it takes none. */
export function settingsOf(provider: Provider, draft: SettingsDraft): Record<string, string> | undefined {
  if (provider === "twilio") return { [draft.twilioMode]: draft.url.trim() };
  if (provider === "vapi") return { assistant_id: draft.assistantId.trim() };
  return undefined;
}

export const hasSettings = (provider: Provider) => provider === "twilio" || provider === "vapi";

/** The field an API issue about settings belongs to: ["settings", "stream_url"], or ["settings"] for Twilio's pair. */
export function settingsFieldOf(path: Issue["path"]): SettingsField | undefined {
  if (path[0] !== "settings") return undefined;
  if (path[1] === "assistant_id") return "assistantId";
  if (path.length === 1 || path[1] === "stream_url" || path[1] === "redirect_url") return "url";
  return undefined;
}

/** The fields a change of the draft touched: their errors are out of date. */
export function changedSettingsFields(before: SettingsDraft, after: SettingsDraft): SettingsField[] {
  return [
    ...(before.url !== after.url || before.twilioMode !== after.twilioMode ? (["url"] as const) : []),
    ...(before.assistantId !== after.assistantId ? (["assistantId"] as const) : []),
  ];
}

interface Props {
  provider: Provider;
  draft: SettingsDraft;
  onChange(draft: SettingsDraft): void;
  errors: Partial<Record<SettingsField, string>>;
}

export function ProviderSettingsFields({ provider, draft, onChange, errors }: Props) {
  const group = useId();
  if (provider === "vapi") {
    return (
      <TextField
        className="field--medium"
        label={vapiAssistant.field}
        hint={vapiAssistant.hint}
        value={draft.assistantId}
        onChange={(e) => onChange({ ...draft, assistantId: e.target.value })}
        error={errors.assistantId}
        autoComplete="off"
        spellCheck={false}
      />
    );
  }
  if (provider !== "twilio") return null;
  const mode = twilioModes[draft.twilioMode];
  return (
    <fieldset className="choices-field">
      <legend>After the ring</legend>
      <div className="choices choices--inline">
        {(Object.keys(twilioModes) as TwilioMode[]).map((key) => (
          <label key={key} className="choice">
            <input
              type="radio"
              name={group}
              value={key}
              checked={draft.twilioMode === key}
              onChange={() => onChange({ ...draft, twilioMode: key })}
            />
            <span className="choice__name">{twilioModes[key].label}</span>
          </label>
        ))}
      </div>
      <TextField
        className="field--medium"
        label={mode.field}
        hint={mode.hint}
        placeholder={mode.placeholder}
        value={draft.url}
        onChange={(e) => onChange({ ...draft, url: e.target.value })}
        error={errors.url}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
      />
    </fieldset>
  );
}
