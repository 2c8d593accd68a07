import { type InputHTMLAttributes, type ReactNode, useId } from "react";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  /** Its visible words first: a visually hidden part may follow ("Phone" + " 2"). */
  label: ReactNode;
  /** The API's message for this field; read out when it appears (role="alert"). */
  error?: ReactNode;
  hint?: string;
  /** Visually hidden label, for fields whose purpose the layout already shows. */
  hideLabel?: boolean;
}

/** A labelled input with its hint and its error tied to it by aria-describedby. */
export function TextField({ label, error, hint, hideLabel, className, ...input }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
