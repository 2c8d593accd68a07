import { useCallback, useEffect, useRef, useState } from "react";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping what is shown until the answer arrives. */
  reload(): Promise<void>;
  /** Shows a value the caller already has (a write's answer) without a round trip. */
  setData(data: T): void;
}

/**
 * Loads data for a view and reloads it when `deps` change. An answer to a request that was
 * superseded (deps changed, the view went away) is dropped, so a slow answer never wins.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(async (signal: AbortSignal) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current(signal);
      if (mine === generation.current && !signal.aborted) setState({ data, loading: false });
    } catch (error) {
      if (mine === generation.current && !signal.aborted) setState((s) => ({ ...s, error, loading: false }));
    }
  }, []);

  useEffect(
    () => {
      const controller = new AbortController();
      setState({ loading: true });
      void run(controller.signal);
      return () => controller.abort();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the load's dependencies.
    deps,
  );

  const reload = useCallback(() => run(new AbortController().signal), [run]);
  const setData = useCallback((data: T) => {
    generation.current++;
    setState({ data, loading: false });
  }, []);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
