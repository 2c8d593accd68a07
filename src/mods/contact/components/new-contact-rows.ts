import type { Issue } from "../../../ui/kit/api/errors";
import type { NewContact } from "../types/contact";

/*
 * The new-contact form's model: names, and rows of phones and emails (each a value and a label),
 * one row of each kind preferred. Rows left empty are not sent, so an issue's index in the API's
 * lists (["phones", 1, "phone_number"]) is found again through the rows that were sent.
 */

export type EntryKind = "phones" | "emails";

export interface EntryRow {
  /** Stable while the row lives (React's key, the field's errors), never reused. */
  key: number;
  value: string;
  label: string;
}

export interface NewContactValues {
  firstName: string;
  lastName: string;
  phones: EntryRow[];
  emails: EntryRow[];
  /** The key of the preferred row of each kind. */
  preferred: Record<EntryKind, number | undefined>;
}

/** A field of the form, as its errors are kept: a name, or a row's value or label. */
export type FormField = "firstName" | "lastName" | `${EntryKind}.${number}.${"value" | "label"}`;

export const rowField = (kind: EntryKind, key: number, part: "value" | "label"): FormField => `${kind}.${key}.${part}`;

let lastKey = 0;
export const newRow = (): EntryRow => ({ key: ++lastKey, value: "", label: "" });

export function emptyContact(): NewContactValues {
  const phones = [newRow()];
  const emails = [newRow()];
  return { firstName: "", lastName: "", phones, emails, preferred: { phones: phones[0]?.key, emails: emails[0]?.key } };
}

const filled = (rows: EntryRow[]) => rows.filter((row) => row.value.trim());

/** The preferred row among those sent: the one chosen, else the first (as the API would choose). */
function preferredSent(rows: EntryRow[], chosen: number | undefined) {
  return rows.some((row) => row.key === chosen) ? chosen : rows[0]?.key;
}

/** The body of POST /api/contacts, and where the API's issue paths point in the form. */
export function toRequest(values: NewContactValues) {
  const sent = { phones: filled(values.phones), emails: filled(values.emails) };
  const preferred = {
    phones: preferredSent(sent.phones, values.preferred.phones),
    emails: preferredSent(sent.emails, values.preferred.emails),
  };
  const body: NewContact = {};
  if (values.firstName.trim()) body.first_name = values.firstName;
  if (values.lastName.trim()) body.last_name = values.lastName;
  if (sent.phones.length)
    body.phones = sent.phones.map((row) => ({
      phone_number: row.value,
      ...(row.label.trim() && { label: row.label }),
      is_preferred: row.key === preferred.phones,
    }));
  if (sent.emails.length)
    body.emails = sent.emails.map((row) => ({
      email: row.value,
      ...(row.label.trim() && { label: row.label }),
      is_preferred: row.key === preferred.emails,
    }));

  /** ["phones", 1, "phone_number"] is the value of the second phone row sent; undefined: the whole form. */
  function fieldOf(path: Issue["path"]): FormField | undefined {
    const [field, index, part] = path;
    if (field === "first_name") return "firstName";
    if (field === "last_name") return "lastName";
    if ((field !== "phones" && field !== "emails") || typeof index !== "number") return undefined;
    const row = sent[field][index];
    if (!row) return undefined;
    if (part === "label") return rowField(field, row.key, "label");
    if (part === "phone_number" || part === "email") return rowField(field, row.key, "value");
    return undefined;
  }
  return { body, fieldOf };
}
