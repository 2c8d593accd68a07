import type { Tally } from "./import-chunks";
import { downloadText, failedRowsCsv } from "./import-csv";

/** Failed rows listed on the page; the download holds them all. */
const FAILURES_SHOWN = 100;

interface Props {
  tally: Tally;
  /** The preview's words ("would be created") or the import's ("created"). */
  preview: boolean;
  headers: string[];
  fileName: string;
}

/** What a preview found or an import did: the counts, each failed row with its reasons, and the failed rows as a CSV. */
export function ImportTally({ tally, preview, headers, fileName }: Props) {
  const counts = [
    ["Created", "New contacts", tally.created],
    ["Updated", "Existing contacts given a name, phone or email", tally.updated],
    ["Unchanged", "Already there as they are", tally.unchanged],
    ["Failed", preview ? "Would be left out" : "Left out", tally.failed],
  ] as const;
  const shown = tally.failures.slice(0, FAILURES_SHOWN);

  return (
    <>
      <dl className="import-counts">
        {counts.map(([label, note, value]) => (
          <div
            key={label}
            className={label === "Failed" && value ? "import-count import-count--failed" : "import-count"}
          >
            <dt>{label}</dt>
            <dd className="import-count__value">{value.toLocaleString()}</dd>
            <dd className="import-count__note">{note}</dd>
          </div>
        ))}
      </dl>
      {tally.failures.length > 0 && (
        <section className="import-failures" aria-label="Failed rows">
          <div className="section-header">
            <h3>Failed rows</h3>
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                downloadText(failedRowsName(fileName), failedRowsCsv(headers, tally.failures), "text/csv;charset=utf-8")
              }
            >
              Download failed rows (CSV)
            </button>
          </div>
          <p className="muted">
            Fix them in the file the button gives you (it says why each one failed) and import that file: rows already
            imported are left as they are.
          </p>
          <ol className="import-failures__list">
            {shown.map((failure) => (
              <li key={failure.row} className="import-failure">
                <span className="import-failure__row">Row {failure.row}</span>
                <span className="import-failure__reason">{failure.reason}</span>
              </li>
            ))}
          </ol>
          {tally.failures.length > shown.length && (
            <p className="muted">
              And {(tally.failures.length - shown.length).toLocaleString()} more: download them all with the button
              above.
            </p>
          )}
        </section>
      )}
    </>
  );
}

const failedRowsName = (fileName: string) => `${fileName.replace(/\.csv$/i, "")}-failed-rows.csv`;
