import type { WaitReason } from "./import-chunks";

const waitText: Record<WaitReason, string> = {
  rate_limited: "The server asked us to slow down",
  unavailable: "The server did not answer",
};

interface Props {
  /** "Checking" (the preview) or "Importing". */
  doing: string;
  done: number;
  total: number;
  /** While the run waits (rate limited, or the server failed): how long and why. */
  wait?: { seconds: number; reason: WaitReason };
  onStop(): void;
}

/**
 * A run under way: a progress bar (read out on demand, not at every chunk: a live region counting
 * to 100,000 would drown everything else) and the way to stop it.
 */
export function ImportProgress({ doing, done, total, wait, onStop }: Props) {
  return (
    <div className="import-progress">
      <progress className="import-progress__bar" max={total} value={done} aria-label={`${doing} rows`} />
      <p className="import-progress__text">
        {doing}: {done.toLocaleString()} of {total.toLocaleString()} rows done.
        {wait ? ` ${waitText[wait.reason]}: trying again in ${wait.seconds} s.` : null}
      </p>
      <button type="button" className="button" onClick={onStop}>
        Stop
      </button>
    </div>
  );
}
