import { useId } from "react";
import { type ColumnGuess, IGNORE, type Target, targetLabel, targetOptions } from "./import-columns";

/** Lines looked at for a column's example value. */
const EXAMPLE_LINES = 50;

interface Props {
  headers: string[];
  rows: string[][];
  guesses: ColumnGuess[];
  targets: Target[];
  onChange(targets: Target[]): void;
  disabled?: boolean;
}

/**
 * Each column of the file with an example value and what it is imported as: recognised columns come
 * set; the person sets the others, or leaves them out. A target belongs to one column: giving it to
 * another takes it from the first.
 */
export function ColumnMapping({ headers, rows, guesses, targets, onChange, disabled }: Props) {
  const id = useId();
  const options = targetOptions(targets);
  const recognised = guesses.filter((g) => g.recognised).length;

  function choose(column: number, target: Target) {
    onChange(targets.map((t, i) => (i === column ? target : t === target ? IGNORE : t)));
  }

  return (
    <>
      <p className="muted">
        {recognised} of {headers.length} {headers.length === 1 ? "column" : "columns"} recognised. Choose what the
        others hold, or leave them out.
      </p>
      <ul className="column-map">
        {headers.map((header, column) => {
          const example = rows.slice(0, EXAMPLE_LINES).find((r) => r[column]?.trim())?.[column];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions; headers may repeat.
            <li key={column} className="column-map__item">
              <div className="column-map__column">
                <label htmlFor={`${id}-${column}`} className="column-map__header">
                  {header}
                </label>
                <span className="column-map__example">{example ? `e.g. ${example}` : "empty"}</span>
              </div>
              <div className="column-map__choice">
                <select
                  id={`${id}-${column}`}
                  value={targets[column]}
                  onChange={(event) => choose(column, event.target.value)}
                  disabled={disabled}
                >
                  {options.map((option) => (
                    <option key={option} value={option}>
                      {targetLabel(option)}
                    </option>
                  ))}
                </select>
                <span className={guesses[column]?.recognised ? "column-map__known" : "column-map__unknown"}>
                  {guesses[column]?.recognised ? "Recognised" : "Not recognised"}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
