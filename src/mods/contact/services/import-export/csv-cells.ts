/*
 * Formula injection: a spreadsheet opening an exported CSV runs a cell that starts with `=`, `+`,
 * `-` or `@` as a formula. Free-text cells (names, labels, emails: an email may start with `+` or
 * `-`) that start so are written with a leading `'`, which spreadsheets show as text; the import
 * takes that `'` off again, so an export imports back as it was. Phone numbers are E.164, checked
 * on the way in, and stay as they are (`+15551234567`).
 */

const FORMULA_START = /^[=+\-@]/;
const NEUTRALISED = /^'[=+\-@]/;

/** The cell as an export writes it. */
export const neutraliseFormula = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** The cell as an import reads it: an export's `'` before a formula character is taken off. */
export const restoreFormulaCell = (cell: string) => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);
