/*
 * CSV in and out of the browser, with papaparse: RFC 4180 quoting, embedded newlines, comma or
 * semicolon (guessed), a BOM or none.
 */
import Papa from "papaparse";
import { FAILED_ROW_COLUMNS } from "./import-columns";

/** A file larger than this is refused before it is read: the tab holds all of it at once. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/**
 * Characters parsed between two yields to the browser: about a tenth of a second of parsing on a
 * slow machine, so that 100,000 rows never hold the tab still.
 */
const PARSE_CHUNK_CHARS = 128 * 1024;
/** Parse problems listed by name; the rest are counted. */
const PROBLEMS_LISTED = 5;

export interface CsvFile {
  name: string;
  headers: string[];
  /** The lines under the header, each as its cells. */
  rows: string[][];
  /** Lines papaparse could not read cleanly (an unclosed quote), as "Row 12: …". */
  problems: string[];
  problemCount: number;
}

/**
 * papaparse streams a string slice by slice too (its StringStreamer, with `chunkSize` and `chunk`);
 * its types say so for files only.
 */
interface StringStreamConfig extends Papa.ParseConfig<string[]> {
  chunkSize: number;
  chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
  complete(): void;
}

/** A file that cannot be imported, with the sentence that says why. */
export class CsvRefused extends Error {}

/**
 * Reads the whole file as UTF-8 (the browser's decoder drops a BOM and never splits a character, which
 * papaparse's own file slicing can), then parses it a slice at a time, giving the browser the
 * thread back between slices. `onProgress` gets the share parsed, 0 to 1.
 */
export async function readCsv(file: File, onProgress: (share: number) => void, signal: AbortSignal) {
  if (file.size > MAX_FILE_BYTES)
    throw new CsvRefused(
      `${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it into smaller files.`,
    );
  const text = await file.text();
  const lines: string[][] = [];
  const problems: string[] = [];
  let problemCount = 0;

  await new Promise<void>((resolve) => {
    const config: StringStreamConfig = {
      chunkSize: PARSE_CHUNK_CHARS,
      skipEmptyLines: "greedy",
      delimitersToGuess: [",", ";", "\t"],
      chunk(results, parser) {
        for (const error of results.errors) {
          // A one-column file has no delimiter to find; that is no problem.
          if (error.code === "UndetectableDelimiter") continue;
          problemCount++;
          // An error's row counts from its slice's first line, and line 0 of the file is the header.
          const row = error.row === undefined ? undefined : lines.length + error.row;
          if (problems.length < PROBLEMS_LISTED) problems.push(row ? `Row ${row}: ${error.message}` : error.message);
        }
        for (const line of results.data) lines.push(line);
        onProgress(Math.min(1, results.meta.cursor / Math.max(1, text.length)));
        if (signal.aborted) {
          parser.abort();
          return;
        }
        parser.pause();
        setTimeout(() => parser.resume(), 0);
      },
      complete: () => resolve(),
    };
    Papa.parse<string[]>(text, config);
  });
  signal.throwIfAborted();

  const [header, ...rows] = lines;
  if (!header?.some((cell) => cell.trim())) throw new CsvRefused(`${file.name} is empty.`);
  if (!rows.length) throw new CsvRefused(`${file.name} has a header row but no rows under it.`);
  const headers = header.map((cell, i) => cell.trim() || `Column ${i + 1}`);
  return { name: file.name, headers, rows, problems, problemCount } satisfies CsvFile;
}

export interface FailedRow {
  /** 1 for the first line under the header. */
  row: number;
  cells: string[];
  reason: string;
}

/**
 * The failed rows as a CSV to fix and import again: the file's own columns, then the row's number
 * and why it failed (columns an import leaves out, so the fixed file imports as it is). UTF-8 with
 * a BOM, which spreadsheet programs need to read it as UTF-8.
 */
export function failedRowsCsv(headers: string[], failed: FailedRow[]) {
  const ours = new Set<string>(FAILED_ROW_COLUMNS);
  const kept = headers.map((h, i) => [h, i] as const).filter(([h]) => !ours.has(h.trim().toLowerCase()));
  return `\ufeff${Papa.unparse({
    fields: [...kept.map(([h]) => h), ...FAILED_ROW_COLUMNS],
    data: failed.map((f) => [...kept.map(([, i]) => f.cells[i] ?? ""), String(f.row), f.reason]),
  })}`;
}

/** Hands `text` to the browser as a download named `name`. */
export function downloadText(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  // In the document while it is clicked: some browsers ignore a click on a detached link.
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Released once the browser has surely taken the data; otherwise it would live as long as the tab.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
