import { Fragment } from "react";
import { CopyButton } from "../../../ui/kit/components/CopyButton";
import type { Integration } from "../types/integration";
import { providerGuides } from "./provider-guides";

/** **name** in a step is something on the provider's screen: bold, as the console shows it. */
function StepText({ text }: { text: string }) {
  return text.split("**").map((part, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a fixed text, never reordered.
    i % 2 ? <strong key={i}>{part}</strong> : <Fragment key={i}>{part}</Fragment>,
  );
}

function UrlRow({ label, url }: { label: string; url: string }) {
  return (
    <div className="webhook-url">
      <span className="webhook-url__label">{label}</span>
      <div className="new-key__row">
        <output className="new-key__value" aria-label={label}>
          {url}
        </output>
        <CopyButton text={url} what={label} />
      </div>
    </div>
  );
}

/** The URLs to paste into the provider's console, with the provider's steps beside them. */
export function SetupGuide({ integration }: { integration: Integration }) {
  const guide = providerGuides[integration.provider];
  const { ring, post_call } = integration.webhook_urls;
  const separate = post_call !== null && post_call !== ring;
  return (
    <section className="card setup" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Set up in {guide.name}</h2>
      <div className="setup__urls">
        <UrlRow label={guide.urls.ring} url={ring} />
        {separate && <UrlRow label={guide.urls.postCall ?? "Post-call URL"} url={post_call} />}
        {post_call !== null && !separate && (
          <p className="field__hint">The same URL receives the ring and the transcript after the call.</p>
        )}
      </div>
      <ol className="steps">
        {guide.steps.map((step) => (
          <li key={step}>
            <StepText text={step} />
          </li>
        ))}
      </ol>
    </section>
  );
}
