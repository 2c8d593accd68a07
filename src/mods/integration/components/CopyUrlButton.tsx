import { useState } from "react";

/** Copies a URL and says so (politely, for screen readers too); named after what it copies. */
export function CopyUrlButton({ text, what }: { text: string; what: string }) {
  const [result, setResult] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult("Copied");
    } catch {
      setResult("Copy failed: select the URL and copy it");
    }
  }

  return (
    <>
      <button type="button" className="button button--small" onClick={copy} aria-label={`Copy ${what}`}>
        Copy
      </button>
      <span role="status" className="copy-result">
        {result}
      </span>
    </>
  );
}
