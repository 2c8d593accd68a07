import { type ReactNode, useId, useLayoutEffect, useRef, useState } from "react";
import { messageOf } from "../api/error-messages";

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The action; the dialog stays open (busy, then with the error) until it settles. */
  onConfirm(): Promise<void>;
  onClose(): void;
  danger?: boolean;
  /** The confirm button waits for something inside the dialog (a box to tick). */
  confirmDisabled?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert
 * (focus stays inside) and Escape cancels. Focus goes back where it was when it closes.
 * Mount it to open it; unmount it to close it.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, danger, confirmDisabled }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog__body">{children}</div>
      {error ? (
        <p role="alert" className="field__error">
          {messageOf(error)}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? "button button--danger" : "button button--primary"}
          onClick={confirm}
          disabled={busy || confirmDisabled}
          aria-busy={busy}
        >
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
