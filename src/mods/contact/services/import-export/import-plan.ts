import type { ErrorIssue } from "../../../../lib/errors";
import { newRowId } from "../../../../lib/row-id";
import { MAX_ENTRIES_PER_CONTACT } from "../../types/contact";
import type { ImportStatus } from "../../types/import-export";
import type { ImportEmail, ImportPhone, ValidRow } from "./import-rows";

/*
 * What an import does, decided in memory from what the organization holds (ImportState), row by
 * row in order, before anything is written; a dry run answers this plan and stops.
 * The contract's rules: a row whose phone or email a contact holds updates that contact (fills
 * empty names, never overwrites one; adds its missing phones and emails, not preferred when the
 * contact has a preferred one); a row matching two contacts fails (an import never merges nor
 * moves a value); else it creates a contact. Rows of one request sharing a value become one
 * contact: each row's values count as held from then on.
 */

export interface KnownContact {
  id: string;
  firstName: string;
  lastName: string;
  phones: number;
  emails: number;
}

/** The organization's contacts holding any value of the rows, and which holds which. */
export interface ImportState {
  /** The contact holding each value, by phoneKey or emailKey. */
  owners: Map<string, string>;
  contacts: Map<string, KnownContact>;
}

export const phoneKey = (e164: string) => `p${e164}`;
export const emailKey = (email: string) => `e${email}`;

export interface NewEntry<T> {
  id: string;
  contactId: string;
  entry: T;
  isPreferred: boolean;
}

export interface ContactNames {
  id: string;
  firstName: string;
  lastName: string;
}

/** What one row writes: all of it in one batch, so that the row is all or nothing. */
export interface RowWrites {
  /** A contact the row creates, with the names it gives. */
  newContact?: ContactNames;
  /** A contact whose empty names the row fills (only while still empty when written). */
  renamed?: ContactNames;
  /** The contact the row changes (its updated_at), when it is not a new one. */
  touched?: string;
  phones: NewEntry<ImportPhone>[];
  emails: NewEntry<ImportEmail>[];
}

export interface PlannedRow {
  status: ImportStatus;
  contactId: string | null;
  /** The contact is one this import creates (a dry run answers no id for it). */
  newContact: boolean;
  errors: ErrorIssue[];
  writes: RowWrites;
}

interface Planned extends KnownContact {
  isNew: boolean;
}

export function planImport(rows: ValidRow[], state: ImportState): PlannedRow[] {
  const owners = new Map(state.owners);
  const contacts = new Map<string, Planned>([...state.contacts.values()].map((c) => [c.id, { ...c, isNew: false }]));

  const planRow = (row: ValidRow): PlannedRow => {
    const keys = [...row.phones.map((p) => phoneKey(p.e164)), ...row.emails.map((e) => emailKey(e.email))];
    const holders = [...new Set(keys.flatMap((k) => owners.get(k) ?? []))];
    if (holders.length > 1) return failed([{ path: [], message: twoContactsMessage(row, keys, owners) }]);
    const target = contactFor(holders[0], contacts);
    const newPhones = row.phones.filter((p) => !owners.has(phoneKey(p.e164)));
    const newEmails = row.emails.filter((e) => !owners.has(emailKey(e.email)));
    const overCap = [
      ...(target.phones + newPhones.length > MAX_ENTRIES_PER_CONTACT ? ["phones"] : []),
      ...(target.emails + newEmails.length > MAX_ENTRIES_PER_CONTACT ? ["emails"] : []),
    ];
    if (overCap.length)
      return failed(
        overCap.map((field) => ({
          path: [field],
          message: `a contact holds at most ${MAX_ENTRIES_PER_CONTACT} ${field}`,
        })),
      );

    const created = !contacts.has(target.id);
    const fillFirst = !target.firstName && !!row.firstName;
    const fillLast = !target.lastName && !!row.lastName;
    if (fillFirst) target.firstName = row.firstName;
    if (fillLast) target.lastName = row.lastName;
    const names = { id: target.id, firstName: target.firstName, lastName: target.lastName };
    const writes: RowWrites = {
      ...(created ? { newContact: names } : fillFirst || fillLast ? { renamed: names } : {}),
      phones: newPhones.map((entry, i) => ({
        id: newRowId(),
        contactId: target.id,
        entry,
        isPreferred: target.phones === 0 && i === 0,
      })),
      emails: newEmails.map((entry, i) => ({
        id: newRowId(),
        contactId: target.id,
        entry,
        isPreferred: target.emails === 0 && i === 0,
      })),
    };
    for (const p of newPhones) owners.set(phoneKey(p.e164), target.id);
    for (const e of newEmails) owners.set(emailKey(e.email), target.id);
    target.phones += newPhones.length;
    target.emails += newEmails.length;
    contacts.set(target.id, target);
    const changed = fillFirst || fillLast || newPhones.length > 0 || newEmails.length > 0;
    if (changed && !created) writes.touched = target.id;
    const status = created ? "created" : changed ? "updated" : "unchanged";
    return { status, contactId: target.id, newContact: target.isNew, errors: [], writes };
  };

  return rows.map(planRow);
}

function contactFor(holder: string | undefined, contacts: Map<string, Planned>): Planned {
  const found = holder === undefined ? undefined : contacts.get(holder);
  if (found) return found;
  // A holder that is not among the contacts read would be a contact of the same snapshot: never.
  const id = holder ?? newRowId();
  return { id, firstName: "", lastName: "", phones: 0, emails: 0, isNew: true };
}

const failed = (errors: ErrorIssue[]): PlannedRow => ({
  status: "failed",
  contactId: null,
  newContact: false,
  errors,
  writes: { phones: [], emails: [] },
});

function twoContactsMessage(row: ValidRow, keys: string[], owners: Map<string, string>): string {
  const values = [...row.phones.map((p) => p.e164), ...row.emails.map((e) => e.email)];
  const first = keys.findIndex((k) => owners.has(k));
  const other = keys.findIndex((k) => owners.has(k) && owners.get(k) !== owners.get(keys[first] ?? ""));
  return (
    `${values[first]} and ${values[other]} belong to two different contacts: ` +
    "an import never merges contacts (merge them first, or split the row)"
  );
}
