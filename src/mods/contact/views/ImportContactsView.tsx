import { useEffect, useMemo, useState } from "react";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { BackToContactsLink } from "../components/BackToContactsLink";
import { ColumnMapping } from "../components/ColumnMapping";
import { ImportFilePicker } from "../components/ImportFilePicker";
import { ImportRunPanel } from "../components/ImportRunPanel";
import { type ColumnGuess, guessColumns, mapsAnyField, type Target } from "../components/import-columns";
import { useCsvFile } from "./useCsvFile";
import { useImportRun } from "./useImportRun";

/**
 * Import: a CSV file in, its columns recognised or mapped, a preview of what would happen (a dry
 * run of every row), then the import with its progress; failed rows come out as a CSV to fix.
 */
export function ImportContactsView() {
  useDocumentTitle("Import contacts");
  const csv = useCsvFile();
  const file = csv.file;
  const guesses = useMemo(() => guessColumns(file?.headers ?? []), [file]);
  // The person's mapping holds for the file it was made for; a new file starts from its guesses.
  const [chosen, setChosen] = useState<{ guesses: ColumnGuess[]; targets: Target[] } | null>(null);
  const targets = useMemo(
    () => (chosen?.guesses === guesses ? chosen.targets : guesses.map((g) => g.target)),
    [chosen, guesses],
  );
  const { run, start, resume, stop } = useImportRun(file, targets);
  const importing = run?.mode === "import" && (run.status === "running" || run.status === "waiting");
  useLeaveWarning(importing);

  return (
    <div className="page page--import">
      <BackToContactsLink />
      <h1>Import contacts</h1>
      <p className="lead">
        A row whose phone or email a contact already has adds to that contact (it fills empty names, never overwrites
        one); any other row makes a new contact. Importing the same file again changes nothing.
      </p>

      <section className="card import-step" aria-labelledby="import-file-heading">
        <h2 id="import-file-heading">1. File</h2>
        <ImportFilePicker onFile={(chosen) => void csv.read(chosen)} disabled={importing} />
        {csv.reading && (
          <div className="import-progress">
            <progress
              className="import-progress__bar"
              value={csv.reading.share}
              aria-label={`Reading ${csv.reading.name}`}
            />
            <p role="status">Reading {csv.reading.name}…</p>
          </div>
        )}
        {csv.error ? <ErrorNotice error={csv.error} /> : null}
        {file && (
          <p role="status" className="import-file">
            <strong>{file.name}</strong>: {file.rows.length.toLocaleString()} {file.rows.length === 1 ? "row" : "rows"}{" "}
            under a header of {file.headers.length} {file.headers.length === 1 ? "column" : "columns"}.
          </p>
        )}
        {file && file.problemCount > 0 && (
          <div className="notice notice--warning" role="note">
            <p>
              {file.problemCount.toLocaleString()} {file.problemCount === 1 ? "line was" : "lines were"} not clean CSV
              and may be read wrongly: {file.problems.join("; ")}
              {file.problemCount > file.problems.length ? "; …" : ""}. The preview shows what they become.
            </p>
          </div>
        )}
      </section>

      {file && (
        <section className="card import-step" aria-labelledby="import-columns-heading">
          <h2 id="import-columns-heading">2. Columns</h2>
          <ColumnMapping
            headers={file.headers}
            rows={file.rows}
            guesses={guesses}
            targets={targets}
            onChange={(changed) => setChosen({ guesses, targets: changed })}
            disabled={importing}
          />
        </section>
      )}

      {file && (
        <section className="card import-step" aria-labelledby="import-run-heading">
          <h2 id="import-run-heading">3. Preview and import</h2>
          <ImportRunPanel
            run={run}
            rowCount={file.rows.length}
            headers={file.headers}
            fileName={file.name}
            ready={mapsAnyField(targets)}
            onStart={start}
            onResume={resume}
            onStop={stop}
          />
        </section>
      )}
    </div>
  );
}

/** While an import runs, leaving the page (closing the tab, reloading) asks first: it would stop the import. */
function useLeaveWarning(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}
