import { useCallback, useEffect, useRef, useState } from "react";
import { addAnswer, emptyTally, type Run, type RunMode, sendChunk, takeChunk } from "../components/import-chunks";
import type { Target } from "../components/import-columns";
import type { CsvFile } from "../components/import-csv";

/**
 * Runs the file's rows through the import route, chunk after chunk (one request at a time: the
 * rows of a later chunk may update contacts an earlier one made), and says how far it got.
 * A stopped run continues where it stopped; leaving the page stops it.
 */
export function useImportRun(file: CsvFile | null, targets: Target[]) {
  const [run, setRun] = useState<Run | null>(null);
  const controller = useRef<AbortController | null>(null);

  /** Stops the run in flight; it stays on screen as stopped, to continue. */
  const stop = useCallback(() => controller.current?.abort(), []);
  /** Stops the run in flight and forgets it: nothing it answers later is shown. */
  const forget = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setRun(null);
  }, []);
  useEffect(() => forget, [forget]);
  // A new file or mapping makes any run's answers stale: the run is forgotten when either changes.
  useEffect(forget, [file, targets, forget]);

  const go = useCallback(
    async (mode: RunMode, from: Run | null) => {
      if (!file) return;
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      let state: Run = from ?? { mode, status: "running", done: 0, total: file.rows.length, tally: emptyTally() };
      const publish = (next: Partial<Run>) => {
        state = { ...state, ...next };
        if (controller.current === mine) setRun(state);
      };
      publish({ status: "running", error: undefined, wait: undefined });
      try {
        while (state.done < file.rows.length) {
          const chunk = takeChunk(file.rows, targets, state.done);
          const answer = await sendChunk(chunk, mode === "preview", mine.signal, (seconds, reason) =>
            publish({ status: "waiting", wait: { seconds, reason } }),
          );
          publish({
            status: "running",
            wait: undefined,
            done: chunk.start + chunk.built.length,
            tally: addAnswer(state.tally, chunk, answer, file, targets),
          });
        }
        publish({ status: "done" });
      } catch (error) {
        publish({ status: "stopped", error: mine.signal.aborted ? undefined : error });
      }
    },
    [file, targets],
  );

  return {
    run,
    start: (mode: RunMode) => void go(mode, null),
    /** Continues a stopped run from its first unanswered row. */
    resume: () => run && run.status === "stopped" && void go(run.mode, run),
    stop,
  };
}
