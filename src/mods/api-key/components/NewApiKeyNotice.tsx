import { CopyButton } from "../../../ui/kit/components/CopyButton";

/** The new key, shown this once: the API keeps only its hash. */
export function NewApiKeyNotice({ name, apiKey, onDismiss }: { name: string; apiKey: string; onDismiss(): void }) {
  return (
    <div className="notice notice--success new-key">
      <p>
        <strong>Key “{name}” created.</strong> Copy it now: it is not shown again.
      </p>
      <div className="new-key__row">
        <output aria-label="New API key" className="new-key__value">
          {apiKey}
        </output>
        <CopyButton text={apiKey} what="the key" />
      </div>
      <button type="button" className="button button--link" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}
