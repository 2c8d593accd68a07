/*
 * A CSV line, read through the person's column mapping, as the import route takes it; and the
 * API's issues for that row said in the file's own words (its column headers).
 */
import { issueMessage } from "../../../ui/kit/api/error-messages";
import type { Issue } from "../../../ui/kit/api/errors";
import type { ImportRow } from "../types/import-export";
import { entryOf, IGNORE, type Target } from "./import-columns";

/** Where a phone or email of a row came from: the columns of its value and its label. */
interface Source {
  value: number;
  label?: number;
}

/** A row and, for each of its phones and emails in order, its columns (to name them in an error). */
export interface BuiltRow {
  row: ImportRow;
  phones: Source[];
  emails: Source[];
}

/**
 * Google Contacts puts several values of one kind into one cell ("+1 555 0100 ::: +1 555 0101");
 * each becomes an entry of its own, with the cell's label.
 */
const GOOGLE_SEPARATOR = ":::";

/**
 * The service's export writes a free-text cell that starts like a formula (`=`, `+`, `-`, `@`) with
 * a `'` before it, so that a spreadsheet shows it as text; an import takes the `'` off again, as
 * the API's own CSV import does (services/import-export/csv-cells.ts), so an export imports back
 * as it was.
 */
const restoreFormulaCell = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);

interface Slot {
  values: string[];
  source: Source;
  labelText?: string;
}

export function buildRow(cells: string[], targets: Target[]): BuiltRow {
  const row: ImportRow = {};
  const slots = { phone: new Map<number, Slot>(), email: new Map<number, Slot>() };
  targets.forEach((target, column) => {
    const cell = restoreFormulaCell((cells[column] ?? "").trim());
    if (target === IGNORE || !cell) return;
    if (target === "first_name" || target === "last_name") {
      row[target] = cell;
      return;
    }
    const entry = entryOf(target);
    if (!entry) return;
    const slot = slots[entry.kind].get(entry.n) ?? { values: [], source: { value: column } };
    slots[entry.kind].set(entry.n, slot);
    if (entry.label) {
      slot.labelText = cell;
      slot.source.label = column;
    } else {
      slot.values = cell
        .split(GOOGLE_SEPARATOR)
        .map((value) => value.trim())
        .filter(Boolean);
      slot.source.value = column;
    }
  });

  // Entries in their numbers' order: phone before phone_2, whatever the columns' order.
  const entries = (kind: "phone" | "email") =>
    [...slots[kind].entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([, slot]) => slot.values.map((value) => ({ value, label: slot.labelText, source: slot.source })));
  const phones = entries("phone");
  const emails = entries("email");
  if (phones.length) row.phones = phones.map(({ value, label }) => ({ phone_number: value, ...(label && { label }) }));
  if (emails.length) row.emails = emails.map(({ value, label }) => ({ email: value, ...(label && { label }) }));
  return { row, phones: phones.map((e) => e.source), emails: emails.map((e) => e.source) };
}

/** A value quoted in an error is cut to this many characters. */
const QUOTED_CHARS = 40;

/**
 * An issue of the row, named after the column it is about, with the value it is about:
 * ["phones", 1, "phone_number"] is the second phone, which came from, say, "Phone 2 - Value";
 * ["first_name"] the column mapped to it, in words for people. Issues about the row as a whole
 * ("at least one name, phone or email") stand alone.
 */
export function describeIssue(issue: Issue, built: BuiltRow, headers: string[], targets: Target[]): string {
  const [field, index, part] = issue.path;
  const sources = field === "phones" ? built.phones : field === "emails" ? built.emails : undefined;
  const source = sources && typeof index === "number" ? sources[index] : undefined;
  const nameColumn = field === "first_name" || field === "last_name" ? targets.indexOf(field) : -1;
  const column = source ? (part === "label" ? source.label : source.value) : nameColumn >= 0 ? nameColumn : undefined;
  if (column === undefined) return issueMessage(issue);
  const value = valueAt(built.row, issue.path);
  const quoted =
    typeof value === "string" ? ` “${value.length > QUOTED_CHARS ? `${value.slice(0, QUOTED_CHARS)}…` : value}”` : "";
  return `${headers[column]}${quoted}: ${issueMessage(issue)}`;
}

function valueAt(row: ImportRow, path: Issue["path"]): unknown {
  let value: unknown = row;
  for (const key of path)
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
