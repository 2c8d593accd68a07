import { issuesOf } from "../../../../lib/create-router";
import type { ErrorIssue } from "../../../../lib/errors";
import { readPhoneNumber } from "../../../../lib/phone-number";
import { importRowSchemaIn } from "../../types/import-export";
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

/**
 * Validates a row as a new contact is, every issue at once: its field rules, its numbers read in
 * the tenant's country (given on in E.164), no value twice.
 */
export function checkRow({ input, issues = [] }: RowInput, tenant: Tenant): CheckedRow {
  if (issues.length) return { errors: issues };
  const parsed = importRowSchemaIn(tenant.country).safeParse(input);
  if (!parsed.success) return { errors: issuesOf(parsed.error) };
  const phones = (parsed.data.phones ?? []).map((phone): ImportPhone => {
    const reading = readPhoneNumber(phone.phone_number, tenant.country);
    // The schema read this number already: only its search digits are new here.
    const searchDigits = reading.kind === "phone" ? reading.searchDigits : "";
    return { e164: phone.phone_number, searchDigits, label: phone.label ?? null };
  });
  const emails = (parsed.data.emails ?? []).map((e) => ({ email: e.email, label: e.label ?? null }));
  const { first_name: firstName = "", last_name: lastName = "" } = parsed.data;
  return { valid: { firstName, lastName, phones, emails } };
}

/** The row's errors with paths the caller wrote (CSV column names for a CSV row). */
export const errorsAsGiven = (row: RowInput, errors: ErrorIssue[]) =>
  row.columnOf ? errors.map((e) => ({ ...e, path: row.columnOf?.(e.path) ?? e.path })) : errors;
