import { type DragEvent, useId, useState } from "react";

interface Props {
  onFile(file: File): void;
  disabled?: boolean;
}

/**
 * Where a CSV file comes in: dropped on the zone, or chosen with the file input inside it (the
 * keyboard's and screen readers' way).
 */
export function ImportFilePicker({ onFile, disabled }: Props) {
  const id = useId();
  const [over, setOver] = useState(false);

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer gesture only; the file input inside is everyone's way in.
    <div
      className={over ? "drop-zone drop-zone--over" : "drop-zone"}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label htmlFor={id} className="drop-zone__title">
        Drop a CSV file here, or choose one
      </label>
      <p id={`${id}-hint`} className="drop-zone__hint">
        Google Contacts’ export or this service’s own; comma or semicolon separated, UTF-8.
      </p>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        className="drop-zone__input"
        aria-describedby={`${id}-hint`}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so that choosing the same file again (after fixing it) reads it again.
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
