import { useCallback, useEffect, useRef, useState } from "react";
import { type CsvFile, CsvRefused, readCsv } from "../components/import-csv";

export interface Reading {
  name: string;
  /** Share parsed, 0 to 1. */
  share: number;
}

/** The file being imported: read (parsed in slices) when it is chosen; a newer choice wins. */
export function useCsvFile() {
  const [file, setFile] = useState<CsvFile | null>(null);
  const [reading, setReading] = useState<Reading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const read = useCallback(async (chosen: File) => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setFile(null);
    setError(null);
    setReading({ name: chosen.name, share: 0 });
    try {
      const parsed = await readCsv(chosen, (share) => setReading({ name: chosen.name, share }), mine.signal);
      if (!mine.signal.aborted) setFile(parsed);
    } catch (e) {
      if (!mine.signal.aborted)
        setError(e instanceof CsvRefused ? e.message : `${chosen.name} could not be read as a CSV file.`);
    } finally {
      if (!mine.signal.aborted) setReading(null);
    }
  }, []);

  return { file, reading, error, read };
}
