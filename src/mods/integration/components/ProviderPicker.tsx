import { type Provider, providerGuides, providerOrder } from "./provider-guides";

/** The five platforms as one radio group: a native group, so arrow keys move between them. */
export function ProviderPicker({ value, onChange }: { value: Provider; onChange(provider: Provider): void }) {
  return (
    <fieldset className="choices-field">
      <legend>Platform</legend>
      <div className="choices">
        {providerOrder.map((provider) => {
          const guide = providerGuides[provider];
          return (
            <label key={provider} className="choice">
              <input
                type="radio"
                name="provider"
                value={provider}
                checked={value === provider}
                onChange={() => onChange(provider)}
              />
              <span className="choice__name">{guide.name}</span>
              <span className="choice__note">{guide.kind}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
