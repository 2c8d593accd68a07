import { useCallback, useState } from "react";

/**
 * A write started by a person (a submit, a button): `busy` while it runs, the error it threw
 * (shown by ErrorNotice or at its fields), cleared when it is tried again.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Runs `action`; true when it succeeded. */
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
