import { createContext, type ReactNode, use, useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "../api/error-messages";

/** A way back from what the toast reports (Undo); it says what it did with a toast of its own. */
export interface ToastAction {
  label: string;
  run(): Promise<void>;
}

interface Toast {
  id: number;
  message: string;
  action?: ToastAction;
  failed?: boolean;
}

/** Reports a completed action: a toast, read out by screen readers as it appears. */
export type Notify = (message: string, action?: ToastAction) => void;

const Context = createContext<Notify | null>(null);

/** Long enough to read; one with an action lasts longer, and none goes while pointed at or focused. */
const PLAIN_MS = 6000;
const WITH_ACTION_MS = 12000;
/** Older toasts give way: a burst of actions never covers the page. */
const MAX_SHOWN = 3;

/**
 * Holds the toasts of the whole app: they outlive the page that raised them (deleting a contact
 * leaves its page, and the list says it happened). The live region is on the page from the start,
 * as screen readers only announce changes to a region they already know.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: number) => setToasts((shown) => shown.filter((t) => t.id !== id)), []);
  const show = useCallback((toast: Omit<Toast, "id">) => {
    const id = ++nextId.current;
    setToasts((shown) => [...shown.slice(-(MAX_SHOWN - 1)), { ...toast, id }]);
  }, []);
  const notify = useCallback<Notify>((message, action) => show({ message, action }), [show]);

  return (
    <Context value={notify}>
      {children}
      <section className="toasts" aria-label="Notifications">
        <div role="status" aria-live="polite" className="toasts__list">
          {toasts.map((toast) => (
            <ToastItem
              key={toast.id}
              toast={toast}
              dismiss={dismiss}
              onFailed={(message) => {
                dismiss(toast.id);
                show({ message, failed: true });
              }}
            />
          ))}
        </div>
      </section>
    </Context>
  );
}

function ToastItem({
  toast,
  dismiss,
  onFailed,
}: {
  toast: Toast;
  dismiss(id: number): void;
  onFailed(message: string): void;
}) {
  // Stable, so that the timer below starts once, not again whenever another toast comes.
  const onDismiss = useCallback(() => dismiss(toast.id), [dismiss, toast.id]);
  const [paused, setPaused] = useState(false);
  const [busy, setBusy] = useState(false);
  const actionButton = useFocusWhenFocusWasLost(toast.action !== undefined);

  useEffect(() => {
    if (paused || busy) return;
    const timer = setTimeout(onDismiss, toast.action ? WITH_ACTION_MS : PLAIN_MS);
    return () => clearTimeout(timer);
  }, [paused, busy, toast.action, onDismiss]);

  async function act(action: ToastAction) {
    setBusy(true);
    try {
      await action.run();
      onDismiss();
    } catch (error) {
      onFailed(`Could not ${action.label.toLowerCase()}: ${messageOf(error)}`);
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: not a control: pointing at or focusing into a toast only holds its timer (WCAG 2.2.1), its buttons are the controls.
    <div
      className={toast.failed ? "toast toast--failed" : "toast"}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <p className="toast__message">{toast.message}</p>
      {toast.action && (
        <button
          ref={actionButton}
          type="button"
          className="button button--small toast__action"
          disabled={busy}
          onClick={() => void act(toast.action!)}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast__close" aria-label="Dismiss notification" onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

/**
 * An Undo appears when what the person acted on has just gone from the page (a deleted entry):
 * focus went with it, to the body. It is put on the Undo, so the keyboard resumes from there
 * instead of from the top of the page; focus that is somewhere is left alone.
 */
function useFocusWhenFocusWasLost(enabled: boolean) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (enabled && (document.activeElement === null || document.activeElement === document.body)) ref.current?.focus();
  }, [enabled]);
  return ref;
}

/** notify(message, action?) from the app's ToastProvider. */
export function useToast(): Notify {
  const notify = use(Context);
  if (!notify) throw new Error("useToast outside ToastProvider");
  return notify;
}
