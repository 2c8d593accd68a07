import type { ComponentType } from "react";
import { api, request } from "../../../ui/kit/api/client";
import type { Issue } from "../../../ui/kit/api/errors";
import type { Email, Phone } from "../types/contact";
import { PhoneNumberValue } from "./PhoneNumberValue";

/*
 * Phones and emails follow the same rules (labels, one preferred, one owner per organization),
 * so one card and one section serve both, told apart by these: their words and their routes.
 */
export interface EntryPatch {
  value?: string;
  label?: string | null;
  is_preferred?: boolean;
}

/**
 * How the screens show and edit one entry type: its words, its input, its API calls. (The Worker's
 * `EntryKind`, in services/entries.ts, is the other side: its table, columns and validation.)
 */
export interface EntryScreen<E extends Phone | Email> {
  heading: "Phones" | "Emails";
  /** The add form's labels and button. */
  valueLabel: "Phone number" | "Email address";
  addLabel: "Add phone" | "Add email";
  /** The edit form's label for the value. */
  editLabel: "Number" | "Address";
  /** The field the API names in its issues and 409s. */
  field: "phone_number" | "email";
  inputType: "tel" | "email";
  empty: string;
  valueOf(entry: E): string;
  /** The value as the card shows it: a phone formatted for people, dialable and copyable as E.164. */
  Value: ComponentType<{ value: string }>;
  add(contactId: string, value: string, label: string | null): Promise<E>;
  /** Adds a deleted entry back as it was: its value, label and preference (an Undo). */
  restore(contactId: string, entry: E): Promise<E>;
  update(contactId: string, id: string, patch: EntryPatch): Promise<E>;
  remove(contactId: string, id: string): Promise<void>;
}

/** Where the API's issues point in an entry's form: its value (phone_number or email) or its label. */
export const entryFieldOf =
  (screen: { field: EntryScreen<Phone | Email>["field"] }) =>
  (path: Issue["path"]): "value" | "label" | undefined =>
    path[0] === screen.field ? "value" : path[0] === "label" ? "label" : undefined;

const phones = api.contacts[":id"].phones;
const emails = api.contacts[":id"].emails;

export const phoneScreen: EntryScreen<Phone> = {
  heading: "Phones",
  valueLabel: "Phone number",
  addLabel: "Add phone",
  editLabel: "Number",
  field: "phone_number",
  inputType: "tel",
  empty: "No phone numbers yet.",
  valueOf: (p) => p.phone_number,
  Value: PhoneNumberValue,
  add: (id, phone_number, label) => request(phones.$post({ param: { id }, json: { phone_number, label } })),
  restore: (id, { phone_number, label, is_preferred }) =>
    request(phones.$post({ param: { id }, json: { phone_number, label, is_preferred } })),
  update: (id, phone_id, { value, ...rest }) =>
    request(
      phones[":phone_id"].$put({
        param: { id, phone_id },
        json: { ...rest, ...(value !== undefined && { phone_number: value }) },
      }),
    ),
  remove: (id, phone_id) => request(phones[":phone_id"].$delete({ param: { id, phone_id } })),
};

export const emailScreen: EntryScreen<Email> = {
  heading: "Emails",
  valueLabel: "Email address",
  addLabel: "Add email",
  editLabel: "Address",
  field: "email",
  inputType: "email",
  empty: "No email addresses yet.",
  valueOf: (e) => e.email,
  Value: ({ value }) => value,
  add: (id, email, label) => request(emails.$post({ param: { id }, json: { email, label } })),
  restore: (id, { email, label, is_preferred }) =>
    request(emails.$post({ param: { id }, json: { email, label, is_preferred } })),
  update: (id, email_id, { value, ...rest }) =>
    request(
      emails[":email_id"].$put({
        param: { id, email_id },
        json: { ...rest, ...(value !== undefined && { email: value }) },
      }),
    ),
  remove: (id, email_id) => request(emails[":email_id"].$delete({ param: { id, email_id } })),
};
