import { expect } from "vitest";
import {
  type Caller,
  createContact,
  expectError,
  expectJson,
  freshEmail,
  freshNumber,
  getContact,
  national,
  type Tenant,
} from "./helpers";

/*
 * Helpers of the phone and email sub-routes' tests (/api/contacts/{id}/phones[/{phone_id}] and
 * /api/contacts/{id}/emails[/{email_id}]): phones and emails follow the same rules, so most
 * cases run for both kinds.
 */

export interface Kind {
  plural: "phones" | "emails";
  field: "phone_number" | "email";
  /** A distinct valid value, as stored. */
  value(i: number): string;
  /** The same value as another caller might type it. */
  otherFormat(stored: string): string;
  /** A value no other call in this test file answers. */
  fresh(): string;
}

export const phones: Kind = {
  plural: "phones",
  field: "phone_number",
  value: (i) => `+1415555${String(1000 + i)}`,
  // +14155551001 → "(415) 555-1001"
  otherFormat: national,
  fresh: freshNumber,
};

export const emails: Kind = {
  plural: "emails",
  field: "email",
  value: (i) => `person${i}@example.com`,
  otherFormat: (email) => `  ${email.toUpperCase()} `,
  fresh: () => freshEmail(),
};

export const kinds = [phones, emails];

export const contactPath = (contactId: string) => `/api/contacts/${contactId}`;
export const entriesPath = (kind: Kind, contactId: string) => `${contactPath(contactId)}/${kind.plural}`;
export const entryPath = (kind: Kind, contactId: string, entryId: string) =>
  `${entriesPath(kind, contactId)}/${entryId}`;

/** Adds an entry and expects its 201; answers it. */
export async function expectAdded(
  caller: Caller,
  kind: Kind,
  contactId: string,
  value: string,
  extra: Record<string, unknown> = {},
) {
  return expectJson(caller, "POST", entriesPath(kind, contactId), { [kind.field]: value, ...extra }, 201);
}

/** Reads the contact back and checks that exactly one entry of the kind is preferred, the expected one. */
export async function expectPreferred(caller: Caller, kind: Kind, contactId: string, preferredId: string) {
  const contact = await getContact(caller, contactId);
  const preferred = contact[kind.plural].filter((e: { is_preferred: boolean }) => e.is_preferred);
  expect(preferred.map((e: { id: string }) => e.id)).toEqual([preferredId]);
  return contact;
}

/** A contact with a name only, so it has no phones or emails yet. */
export const newContact = (t: Tenant, first_name = "Ada") => createContact(t.key, { first_name });

/** A 404 must not tell a foreign id from one that never existed. */
export async function expectNotFound(res: Response) {
  const error = await expectError(res, 404, "not_found");
  expect(error.existing_contact_id).toBeUndefined();
  expect(error.issues).toBeUndefined();
  return error;
}
