import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { ImportProgress } from "./ImportProgress";
import { ImportTally } from "./ImportTally";
import { ROWS_PER_REQUEST, type Run, type RunMode } from "./import-chunks";

interface Props {
  run: Run | null;
  rowCount: number;
  headers: string[];
  fileName: string;
  /** The mapping takes at least a name, a phone or an email. */
  ready: boolean;
  onStart(mode: RunMode): void;
  onResume(): void;
  onStop(): void;
}

/** The preview (a dry run of every row), then the import, each with its progress and its result. */
export function ImportRunPanel({ run, rowCount, headers, fileName, ready, onStart, onResume, onStop }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const resumeButton = useRef<HTMLButtonElement>(null);
  const finished = run?.status === "done" ? run.mode : null;
  const stopped = run?.status === "stopped";
  // A finished run's result is where the person goes next: focus moves there, and it is read out.
  // A stopped run's Stop button is gone: focus moves to the way to go on, not to the page's top.
  useEffect(() => {
    if (finished) heading.current?.focus();
  }, [finished]);
  useEffect(() => {
    if (stopped) resumeButton.current?.focus();
  }, [stopped]);
  const rows = `${rowCount.toLocaleString()} ${rowCount === 1 ? "row" : "rows"}`;
  const preview = run?.mode === "preview";

  if (!run)
    return (
      <>
        <p>Check first what the import would do: nothing is written until you import.</p>
        {!ready && (
          <p className="notice notice--warning" role="note">
            Choose a column for a name, a phone or an email: the import needs at least one of them.
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button button--primary" disabled={!ready} onClick={() => onStart("preview")}>
            Preview import of {rows}
          </button>
        </div>
      </>
    );

  return (
    <>
      {(run.status === "running" || run.status === "waiting") && (
        <ImportProgress
          doing={preview ? "Checking" : "Importing"}
          done={run.done}
          total={run.total}
          wait={run.status === "waiting" ? run.wait : undefined}
          onStop={onStop}
        />
      )}
      {run.status === "stopped" && (
        <>
          {run.error ? (
            <ErrorNotice error={run.error} />
          ) : (
            <p className="notice notice--warning" role="status">
              Stopped after {run.done.toLocaleString()} of {run.total.toLocaleString()} rows.
              {preview ? "" : " The rows before that are imported; the block that was on its way may be too."}
            </p>
          )}
          <div className="form-actions">
            <button ref={resumeButton} type="button" className="button button--primary" onClick={onResume}>
              {run.error ? "Try again" : "Continue"} from row {(run.done + 1).toLocaleString()}
            </button>
          </div>
        </>
      )}
      {run.status === "done" && (
        <h3 ref={heading} tabIndex={-1} className="import-result-heading">
          {preview ? `Preview of ${rows}: nothing imported yet` : `Imported ${rows}`}
        </h3>
      )}
      {preview && run.status === "done" && run.total > ROWS_PER_REQUEST && (
        <p className="muted">
          The preview checks {ROWS_PER_REQUEST} rows at a time against your contacts as they are now: rows far apart
          that share a phone or an email show as two new contacts here, and become one when imported.
        </p>
      )}
      {(run.done > 0 || run.status === "done") && (
        <ImportTally tally={run.tally} preview={preview} headers={headers} fileName={fileName} />
      )}
      {run.status === "done" && (
        <div className="form-actions">
          {preview ? (
            <button type="button" className="button button--primary" onClick={() => onStart("import")}>
              Import {rows}
            </button>
          ) : (
            <Link href="/contacts" className="button button--primary">
              See contacts
            </Link>
          )}
        </div>
      )}
    </>
  );
}
