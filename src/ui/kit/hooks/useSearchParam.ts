import { useSearchParams } from "wouter";

/**
 * The URL's query as a list's filters keep it (so Back, a reload and a shared link keep them): a
 * reader of one value, and a writer of one value that leaves the others be. An empty value removes
 * it. Writes replace the history entry: a filter changed is not a page to go Back to.
 */
export function useSearchParam() {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [(name: string) => params.get(name), set] as const;
}
