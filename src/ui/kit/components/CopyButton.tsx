import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so (politely, for screen readers too). `what` names what
 * is copied ("the key", "the ring URL"): in the button's accessible name and in the failure's advice.
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [result, setResult] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult("Copied");
    } catch {
      setResult(`Copy failed: select ${what} and copy it`);
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
