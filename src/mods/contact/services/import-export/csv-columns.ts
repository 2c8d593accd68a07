import { ApiError } from "../../../../lib/errors";

/*
 * What a CSV header names. Ours: first_name, last_name, phone, phone_label, email, email_label,
 * phone_2, phone_2_label, … (as the export writes them). Google Contacts' export: First Name or
 * Given Name, Last Name or Family Name, "Phone 1 - Value", "Phone 1 - Label" (older exports say
 * "Type"), "E-mail 1 - Value", …. Names are read case-insensitively.
 */

export type EntryKind = "phone" | "email";

export type Column =
  | { field: "first_name" | "last_name" }
  | { field: EntryKind; slot: number; part: "value" | "label" };

const NAMES: Record<string, "first_name" | "last_name"> = {
  first_name: "first_name",
  "first name": "first_name",
  "given name": "first_name",
  last_name: "last_name",
  "last name": "last_name",
  "family name": "last_name",
};
const OURS = /^(phone|email)(?:_(\d{1,2}))?(_label)?$/;
const GOOGLE = /^(phone|e-mail) (\d{1,2}) - (value|label|type)$/;

/** The column a header cell names, or null for a column the import does not read. */
export function readColumn(header: string): Column | null {
  const name = header.trim().toLowerCase().replace(/\s+/g, " ");
  const field = NAMES[name];
  if (field) return { field };
  const ours = OURS.exec(name);
  if (ours) {
    const slot = ours[2] === undefined ? 1 : Number(ours[2]);
    return slot < 1 ? null : { field: ours[1] as EntryKind, slot, part: ours[3] ? "label" : "value" };
  }
  const google = GOOGLE.exec(name);
  if (google) {
    const slot = Number(google[2]);
    const field = google[1] === "phone" ? "phone" : "email";
    return slot < 1 ? null : { field, slot, part: google[3] === "value" ? "value" : "label" };
  }
  return null;
}

const keyOf = (c: Column) => ("slot" in c ? `${c.field} ${c.slot} ${c.part}` : c.field);

/** The header's columns by position (null: ignored), and the ignored ones' names as written. */
export function readHeader(header: string[]) {
  const columns = header.map(readColumn);
  const seen = new Map<string, string>();
  columns.forEach((column, i) => {
    if (!column) return;
    const earlier = seen.get(keyOf(column));
    if (earlier !== undefined) {
      const message = `columns "${earlier}" and "${header[i]}" give the same field: keep one`;
      throw ApiError.validation([{ path: [header[i] ?? ""], message }]);
    }
    seen.set(keyOf(column), header[i] ?? "");
  });
  const ignored = header.filter((name, i) => columns[i] === null && name.trim() !== "");
  return { columns, ignored };
}
