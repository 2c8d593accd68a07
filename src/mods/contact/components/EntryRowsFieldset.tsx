import { type ReactNode, useId, useRef, useState } from "react";
import { TextField } from "../../../ui/kit/components/TextField";
import { type EntryKind, type EntryRow, type FormField, rowField } from "./new-contact-rows";

/** A contact holds at most this many of each (the API's MAX_ENTRIES_PER_CONTACT). */
const MAX_ROWS = 20;

const words = {
  phones: {
    legend: "Phone numbers",
    noun: "phone",
    aNoun: "a phone",
    Noun: "Phone",
    inputType: "tel",
    hint: "Any format, e.g. +1 415 555 2671 or (415) 555-2671.",
    labelExample: "e.g. Mobile",
  },
  emails: {
    legend: "Email addresses",
    noun: "email",
    aNoun: "an email",
    Noun: "Email",
    inputType: "email",
    hint: undefined,
    labelExample: "e.g. Work",
  },
} as const;

interface Props {
  kind: EntryKind;
  rows: EntryRow[];
  preferred: number | undefined;
  /** Messages by field (rowField): shown at their inputs. */
  errors: Partial<Record<FormField, ReactNode>>;
  onValue(key: number, value: string): void;
  onLabel(key: number, label: string): void;
  onPrefer(key: number): void;
  /** Adds an empty row: its key, to move focus there. */
  onAdd(): number;
  onRemove(key: number): void;
}

/**
 * A new contact's phones or emails: a row each (value, label, preferred, remove), and a button
 * for one more. One is preferred: native radio buttons, so arrow keys move the choice. Focus goes
 * to a row as it is added, and to the add button when a row is removed.
 */
export function EntryRowsFieldset({
  kind,
  rows,
  preferred,
  errors,
  onValue,
  onLabel,
  onPrefer,
  onAdd,
  onRemove,
}: Props) {
  const w = words[kind];
  const radioName = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusOn, setFocusOn] = useState<number>();
  return (
    <fieldset className="entry-rows">
      <legend>{w.legend}</legend>
      {w.hint && <p className="field__hint">{w.hint}</p>}
      {rows.length > 0 && (
        <ol className="entry-rows__list">
          {rows.map((row, i) => {
            const n = ` ${w.noun} ${i + 1}`;
            return (
              <li key={row.key} className="entry-row">
                <TextField
                  label={
                    <>
                      {w.Noun}
                      <span className="visually-hidden"> {i + 1}</span>
                    </>
                  }
                  type={w.inputType}
                  value={row.value}
                  onChange={(e) => onValue(row.key, e.target.value)}
                  error={errors[rowField(kind, row.key, "value")]}
                  autoComplete="off"
                  autoFocus={row.key === focusOn}
                  className="entry-row__value"
                />
                <TextField
                  label={
                    <>
                      Label<span className="visually-hidden"> for{n}</span>
                    </>
                  }
                  value={row.label}
                  onChange={(e) => onLabel(row.key, e.target.value)}
                  error={errors[rowField(kind, row.key, "label")]}
                  placeholder={w.labelExample}
                  autoComplete="off"
                  className="entry-row__label"
                />
                <label className="entry-row__preferred">
                  <input
                    type="radio"
                    name={radioName}
                    checked={row.key === preferred}
                    onChange={() => onPrefer(row.key)}
                  />
                  Preferred<span className="visually-hidden">{n}</span>
                </label>
                <button
                  type="button"
                  className="button button--small button--danger-quiet entry-row__remove"
                  aria-label={`Remove${n}`}
                  onClick={() => {
                    onRemove(row.key);
                    addButton.current?.focus();
                  }}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <button
        ref={addButton}
        type="button"
        className="button button--small entry-rows__add"
        disabled={rows.length >= MAX_ROWS}
        onClick={() => setFocusOn(onAdd())}
      >
        {rows.length ? `Add another ${w.noun}` : `Add ${w.aNoun}`}
      </button>
    </fieldset>
  );
}
