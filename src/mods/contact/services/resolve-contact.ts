import type { CountryCode } from "libphonenumber-js";
import { parseCaller } from "./phone-number";

/*
 * resolve_contact: the caller's number → the organization's contact holding it, else a new stub
 * contact holding it as its preferred phone. Written as plain prepared statements so the ring
 * path can put authentication, resolution and the call record in ONE D1 batch (one round trip,
 * one transaction: concurrent rings from a new number cannot both create a stub).
 */

/**
 * The organization, as SQL usable inside a statement: a session's bound id, or the organization
 * of an API key, read in the same statement so authenticating costs no round trip of its own.
 */
export interface OrganizationSource {
  sql: string;
  params: string[];
}

export const knownOrganization = (id: string): OrganizationSource => ({ sql: "?", params: [id] });
export const organizationOfApiKey = (keyHash: string): OrganizationSource => ({
  sql: "(SELECT organization_id FROM api_key WHERE key_hash = ?)",
  params: [keyHash],
});

export interface CallerPhone {
  e164: string;
  searchDigits: string;
}

/**
 * Creates the stub and its phone unless the organization already has the number (or, for a
 * webhook replay, unless `replayOf` names a call already recorded). Ids are chosen beforehand so
 * the caller can tell afterwards whether the stub is the one it created.
 */
export function stubContactStatements(
  d1: D1Database | D1DatabaseSession,
  org: OrganizationSource,
  phone: CallerPhone,
  ids: { contactId: string; phoneId: string },
  now: number,
  replayOf: string | null = null,
): D1PreparedStatement[] {
  const replayGuard = replayOf === null ? "" : "AND NOT EXISTS (SELECT 1 FROM call WHERE organization_id = o.id AND provider_call_id = ?)";
  return [
    d1
      .prepare(
        `INSERT INTO contact (id, organization_id, created_at, updated_at)
         SELECT ?, o.id, ?, ? FROM (SELECT ${org.sql} AS id) o
         WHERE o.id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM contact_phone WHERE organization_id = o.id AND phone_number = ?) ${replayGuard}`,
      )
      .bind(ids.contactId, now, now, ...org.params, phone.e164, ...(replayOf === null ? [] : [replayOf])),
    d1
      .prepare(
        `INSERT INTO contact_phone (id, organization_id, contact_id, phone_number, search_digits, is_preferred, created_at)
         SELECT ?, organization_id, id, ?, ?, 1, created_at FROM contact WHERE id = ?`,
      )
      .bind(ids.phoneId, phone.e164, phone.searchDigits, ids.contactId),
  ];
}

/** SQL for the id of the contact holding `phone` in the organization `orgColumn` names. */
export const contactIdOfPhone = (orgColumn: string) => `(SELECT contact_id FROM contact_phone WHERE organization_id = ${orgColumn} AND phone_number = ?)`;

export interface ResolvedContact {
  id: string;
  first_name: string;
  last_name: string;
  is_stub: boolean;
  created: boolean;
}

/**
 * resolve_contact(caller_phone, organization_id), on its own: one round trip. Null when the
 * caller is withheld or not a possible number (nothing is matched or created for those).
 */
export async function resolveContact(d1: D1Database | D1DatabaseSession, callerPhone: string, organizationId: string, country: CountryCode): Promise<ResolvedContact | null> {
  const parsed = parseCaller(callerPhone, country);
  if (parsed.kind !== "phone") return null;
  const ids = { contactId: crypto.randomUUID(), phoneId: crypto.randomUUID() };
  const org = knownOrganization(organizationId);
  const results = await d1.batch([
    ...stubContactStatements(d1, org, parsed, ids, Date.now()),
    d1
      .prepare(`SELECT id, first_name, last_name FROM contact WHERE id = ${contactIdOfPhone("?")}`)
      .bind(organizationId, parsed.e164),
  ]);
  const found = results.at(-1)?.results[0] as { id: string; first_name: string; last_name: string } | undefined;
  if (!found) throw new Error("resolve_contact: the number has no contact after the batch");
  return { ...found, is_stub: !found.first_name && !found.last_name, created: found.id === ids.contactId };
}
