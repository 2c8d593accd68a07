import { issuesOf } from "../../../../lib/create-router";
import type { ErrorIssue } from "../../../../lib/errors";
import { readPhoneNumber } from "../../../../lib/phone-number";
import { ImportRowSchema } from "../../types/import-export";
import type { Tenant } from "../entries";

/** A row as given (a JSON row, or one built from a CSV record), and how to name its cells in errors. */
export interface RowInput {
  input: unknown;
  /** From a path in the JSON row's shape to the one the caller wrote (a CSV column); as is for JSON. */
  columnOf?: (path: ErrorIssue["path"]) => ErrorIssue["path"];
  /** Found before validation (a CSV record with more cells than its header). */
  issues?: ErrorIssue[];
}

export interface ImportPhone {
  e164: string;
  searchDigits: string;
  label: string | null;
}

export interface ImportEmail {
  email: string;
  label: string | null;
}

/** A valid row, its numbers in E.164 and its emails lowercased. */
export interface ValidRow {
  firstName: string;
  lastName: string;
  phones: ImportPhone[];
  emails: ImportEmail[];
}

export type CheckedRow = { valid: ValidRow; errors?: undefined } | { valid?: undefined; errors: ErrorIssue[] };

/** Validates a row as a new contact is: its field rules, its numbers read in the tenant's country. */
export function checkRow({ input, issues = [] }: RowInput, tenant: Tenant): CheckedRow {
  if (issues.length) return { errors: issues };
  const parsed = ImportRowSchema.safeParse(input);
  if (!parsed.success) return { errors: issuesOf(parsed.error) };
  const errors: ErrorIssue[] = [];
  const phones: ImportPhone[] = [];
  const emails: ImportEmail[] = [];
  const seen = new Set<string>();
  /** False for a value the row gave before (a contact holds each value once): that is an error. */
  const firstTime = (key: string, path: ErrorIssue["path"]) => {
    if (!seen.has(key)) return seen.add(key) && true;
    errors.push({ path, message: "listed twice" });
    return false;
  };
  (parsed.data.phones ?? []).forEach((phone, i) => {
    const path = ["phones", i, "phone_number"];
    const reading = readPhoneNumber(phone.phone_number, tenant.country);
    if (reading.kind !== "phone") errors.push({ path, message: "not a phone number" });
    else if (firstTime(`p${reading.e164}`, path))
      phones.push({ e164: reading.e164, searchDigits: reading.searchDigits, label: phone.label ?? null });
  });
  (parsed.data.emails ?? []).forEach((email, i) => {
    if (firstTime(`e${email.email}`, ["emails", i, "email"]))
      emails.push({ email: email.email, label: email.label ?? null });
  });
  if (errors.length) return { errors };
  const { first_name: firstName = "", last_name: lastName = "" } = parsed.data;
  return { valid: { firstName, lastName, phones, emails } };
}

/** The row's errors with paths the caller wrote (CSV column names for a CSV row). */
export const errorsAsGiven = (row: RowInput, errors: ErrorIssue[]) =>
  row.columnOf ? errors.map((e) => ({ ...e, path: row.columnOf?.(e.path) ?? e.path })) : errors;
