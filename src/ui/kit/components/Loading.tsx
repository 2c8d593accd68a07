/** A polite "still working" line for screen readers and eyes alike. */
export function Loading({ what = "Loading…" }: { what?: string }) {
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {what}
    </p>
  );
}
