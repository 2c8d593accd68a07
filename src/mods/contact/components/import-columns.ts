/*
 * What each column of an imported CSV holds: the contract's own columns and Google Contacts' export
 * headers are recognised; the person maps the rest, or leaves them out. The API reads the same
 * headers in its text/csv mode (services/import-export/csv-columns.ts); the UI sends JSON rows, so
 * it reads them here (UI code imports Worker code as types only).
 */

/** A column the API takes, named as the contract's CSV names it (`phone`, `phone_2_label`, …). */
export type Target = string;

/** A column that is not imported. */
export const IGNORE = "";

/** Entries offered per kind in the mapping (the contract's export writes five). */
const OFFERED_ENTRIES = 5;
/** Entries recognised per kind: a contact holds at most 20 phones and 20 emails. */
const MAX_ENTRIES = 20;

/** Columns the service's own export writes that an import does not take, and those of a failed-rows file. */
export const FAILED_ROW_COLUMNS = ["import_row", "import_error"] as const;
const KNOWN_NOT_IMPORTED = new Set(["id", "created_at", "updated_at", ...FAILED_ROW_COLUMNS]);

export interface ColumnGuess {
  target: Target;
  /** The header is one the service knows (imported, or deliberately left out). */
  recognised: boolean;
}

/** `phone`, `phone_label`, `email_2`, `email_2_label`… */
const entryName = (kind: "phone" | "email", n: number, label: boolean): Target =>
  `${kind}${n > 1 ? `_${n}` : ""}${label ? "_label" : ""}`;

/** The entry's target; undefined for an entry number out of range. */
const entryTarget = (kind: "phone" | "email", n: number, label: boolean) =>
  n >= 1 && n <= MAX_ENTRIES ? entryName(kind, n, label) : undefined;

/** Headers compare case-insensitively, whatever their spacing (and a BOM a file's first one may keep). */
const normalised = (header: string) =>
  header
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

/** The target a header names by itself, if it names one. */
function targetOf(header: string): Target | undefined {
  const h = normalised(header);
  if (h === "first_name" || h === "first name" || h === "given name") return "first_name";
  if (h === "last_name" || h === "last name" || h === "family name") return "last_name";
  // The contract's: phone, phone_label, phone_2, phone_2_label … (phone_1 read as phone).
  const own = entryOf(h);
  if (own) return entryTarget(own.kind, own.n, own.label);
  // Google Contacts': "Phone 1 - Value", "Phone 1 - Label" (older exports: "- Type"), "E-mail 2 - Value".
  const google = /^(phone|e-?mail) (\d{1,2}) - (value|label|type)$/.exec(h);
  if (google) {
    const kind = google[1] === "phone" ? "phone" : "email";
    return entryTarget(kind, Number(google[2]), google[3] !== "value");
  }
  return undefined;
}

/**
 * Each column's guess. A target goes to the first column that names it (a file with both
 * "First Name" and "Given Name" imports the first); entry 0 and entries past a contact's cap are not.
 */
export function guessColumns(headers: string[]): ColumnGuess[] {
  const taken = new Set<Target>();
  return headers.map((header) => {
    const target = targetOf(header);
    if (target && !taken.has(target)) {
      taken.add(target);
      return { target, recognised: true };
    }
    return { target: IGNORE, recognised: KNOWN_NOT_IMPORTED.has(normalised(header)) };
  });
}

export interface EntryTarget {
  kind: "phone" | "email";
  /** 1 for `phone`, 2 for `email_2_label`. */
  n: number;
  label: boolean;
}

/** The phone or email entry a target names; undefined for names and IGNORE. */
export function entryOf(target: Target): EntryTarget | undefined {
  const match = /^(phone|email)(?:_(\d+))?(_label)?$/.exec(target);
  return match
    ? { kind: match[1] as "phone" | "email", n: Number(match[2] ?? 1), label: Boolean(match[3]) }
    : undefined;
}

/** What a target is called on screen. */
export function targetLabel(target: Target): string {
  if (target === IGNORE) return "Not imported";
  if (target === "first_name") return "First name";
  if (target === "last_name") return "Last name";
  const entry = entryOf(target);
  if (!entry) return target;
  const kind = entry.kind === "phone" ? "Phone" : "Email";
  return `${kind}${entry.n > 1 ? ` ${entry.n}` : ""}${entry.label ? " label" : ""}`;
}

/** The choices of the mapping: names, then phones and emails up to the fifth (or further, if the file has them). */
export function targetOptions(current: Target[]): Target[] {
  const entries = Math.max(OFFERED_ENTRIES, ...current.map((t) => entryOf(t)?.n ?? 0));
  const options: Target[] = [IGNORE, "first_name", "last_name"];
  for (const kind of ["phone", "email"] as const)
    for (let n = 1; n <= entries; n++) options.push(entryName(kind, n, false), entryName(kind, n, true));
  return options;
}

/** The mapping imports something only with a name, a phone or an email among its targets. */
export function mapsAnyField(targets: Target[]) {
  return targets.some((t) => t !== IGNORE && !entryOf(t)?.label);
}
