import { CsvError, parse } from "csv-parse/sync";
import { ApiError, type ErrorIssue } from "../../../../lib/errors";
import { MAX_IMPORT_ROWS } from "../../types/import-export";
import { restoreFormulaCell } from "./csv-cells";
import { type Column, readHeader } from "./csv-columns";
import type { RowInput } from "./import-rows";

/*
 * A CSV import body as rows shaped like the JSON import's, each with the way back from a path of
 * that shape to the CSV column it came from, so that a failed row names the cell to fix.
 * Parsing is csv-parse's (RFC 4180 quoting, embedded newlines, a BOM); the separator, a comma or
 * a semicolon, is the one the header line uses.
 */

/** Google Contacts puts several values of one kind in one cell: `+1 555 0100 ::: +1 555 0101`. */
const MULTI_VALUE = /\s*:::\s*/;

export function readCsv(text: string): { rows: RowInput[]; ignoredColumns: string[] } {
  const records = parseRecords(text, separatorOf(text));
  const [header, ...body] = records;
  if (!header || body.length === 0) throw ApiError.validation([{ path: [], message: "no rows to import" }]);
  if (body.length > MAX_IMPORT_ROWS) {
    const message = `at most ${MAX_IMPORT_ROWS} rows per request: import larger files in chunks`;
    throw ApiError.validation([{ path: [], message }]);
  }
  const { columns, ignored } = readHeader(header);
  return { rows: body.map((record) => rowOf(record, header, columns)), ignoredColumns: ignored };
}

function separatorOf(text: string): "," | ";" {
  const [header = []] = parseRecords(text, ",", 1);
  return header.length === 1 && header[0]?.includes(";") ? ";" : ",";
}

function parseRecords(text: string, delimiter: string, toLine?: number): string[][] {
  try {
    return parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      ...(toLine && { to_line: toLine }),
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw ApiError.validation([{ path: [], message: `not CSV as RFC 4180 writes it: ${err.message}` }]);
  }
}

interface Entry {
  value: string;
  label: string | undefined;
  valueColumn: string;
  labelColumn: string | undefined;
}

function rowOf(record: string[], header: string[], columns: (Column | null)[]): RowInput {
  const names: Record<string, string> = {};
  const nameColumns: Record<string, string> = {};
  const slots = { phone: new Map<number, Partial<Entry>>(), email: new Map<number, Partial<Entry>>() };
  columns.forEach((column, i) => {
    const cell = restoreFormulaCell((record[i] ?? "").trim());
    if (!column) return;
    const name = header[i] ?? "";
    if (!("slot" in column)) {
      nameColumns[column.field] = name;
      if (cell) names[column.field] = cell;
      return;
    }
    const slot = slots[column.field].get(column.slot) ?? {};
    if (column.part === "value") Object.assign(slot, { value: cell, valueColumn: name });
    else Object.assign(slot, { label: cell || undefined, labelColumn: name });
    slots[column.field].set(column.slot, slot);
  });
  const phones = entriesOf(slots.phone);
  const emails = entriesOf(slots.email);
  const extra = record.slice(header.length).filter((cell) => cell.trim() !== "");
  const input = {
    ...names,
    ...(phones.length && { phones: phones.map((e) => ({ phone_number: e.value, label: e.label })) }),
    ...(emails.length && { emails: emails.map((e) => ({ email: e.value, label: e.label })) }),
  };
  const columnOf = (path: ErrorIssue["path"]): ErrorIssue["path"] => {
    const [field, index, part] = path;
    if (typeof field === "string" && nameColumns[field] !== undefined) return [nameColumns[field]];
    const entries = field === "phones" ? phones : field === "emails" ? emails : undefined;
    const entry = typeof index === "number" ? entries?.[index] : undefined;
    if (!entry) return path;
    return [(part === "label" ? entry.labelColumn : entry.valueColumn) ?? entry.valueColumn];
  };
  const issues = extra.length
    ? [{ path: [], message: `${record.length} cells where the header has ${header.length}` }]
    : [];
  return { input, columnOf, issues };
}

/** The entries of one kind in column order (phone, phone_2, …), a multi-value cell giving several. */
function entriesOf(slots: Map<number, Partial<Entry>>): Entry[] {
  return [...slots.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, slot]) =>
      (slot.value ?? "")
        .split(MULTI_VALUE)
        .filter(Boolean)
        .map((value) => ({
          value,
          label: slot.label,
          valueColumn: slot.valueColumn ?? "",
          labelColumn: slot.labelColumn,
        })),
    );
}
