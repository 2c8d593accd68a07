import { useState } from "react";

/** Copies `text` to the clipboard and says so (politely, for screen readers too). */
export function CopyButton({ text }: { text: string }) {
  const [result, setResult] = useState<"" | "Copied" | "Copy failed: select the key and copy it">("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult("Copied");
    } catch {
      setResult("Copy failed: select the key and copy it");
    }
  }

  return (
    <>
      <button type="button" className="button button--small" onClick={copy}>
        Copy
      </button>
      <span role="status" className="copy-result">
        {result}
      </span>
    </>
  );
}
