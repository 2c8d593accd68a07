import type { OrganizationIdSql } from "../../../auth/organization-sql";
import { newRowId } from "../../../lib/row-id";

/** A caller's number as the ring read it (lib/phone-number's `phone` reading). */
export interface CallerPhone {
  e164: string;
  searchDigits: string;
}

export interface ContactResolution {
  /** Create the stub contact and its phone, unless the organization already holds the number. */
  statements: D1PreparedStatement[];
  /**
   * SQL for the resolved contact's id, for a statement after `statements` in the same batch;
   * `organizationColumn` names the organization id there (e.g. `o.id`).
   */
  contactIdSql(organizationColumn: string): { sql: string; params: string[] };
  /** The id a stub created by this resolution has, to tell afterwards whether it was created. */
  stubContactId: string;
}

/**
 * resolve_contact(caller_phone, organization_id): the organization's contact holding the caller's
 * number, else a new stub contact (no names) holding it as its preferred phone. It runs on every
 * ring (POST /api/calls/inbound) as statements that the ring puts into its ONE D1 batch together
 * with authentication and the call record: one round trip, one transaction, so concurrent rings
 * from a new number cannot both create a stub (the phone's UNIQUE index would refuse the second).
 * `unlessCallRecorded`: a webhook replay (this provider call id was recorded) creates nothing.
 */
export function resolveContact(
  d1: D1Database | D1DatabaseSession,
  caller: CallerPhone,
  organization: OrganizationIdSql,
  options: { now: number; unlessCallRecorded?: string | null },
): ContactResolution {
  const { now, unlessCallRecorded = null } = options;
  const stubContactId = newRowId();
  const replayGuard =
    unlessCallRecorded === null
      ? ""
      : "AND NOT EXISTS (SELECT 1 FROM call WHERE organization_id = o.id AND provider_call_id = ?)";
  const statements = [
    d1
      .prepare(
        `INSERT INTO contact (id, organization_id, created_at, updated_at)
         SELECT ?, o.id, ?, ? FROM (SELECT ${organization.sql} AS id) o
         WHERE o.id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM contact_phone WHERE organization_id = o.id AND phone_number = ?)
           ${replayGuard}`,
      )
      .bind(
        stubContactId,
        now,
        now,
        ...organization.params,
        caller.e164,
        ...(unlessCallRecorded === null ? [] : [unlessCallRecorded]),
      ),
    d1
      .prepare(
        `INSERT INTO contact_phone
           (id, organization_id, contact_id, phone_number, search_digits, is_preferred, created_at)
         SELECT ?, organization_id, id, ?, ?, 1, created_at FROM contact WHERE id = ?`,
      )
      .bind(newRowId(), caller.e164, caller.searchDigits, stubContactId),
  ];
  return {
    statements,
    contactIdSql: (organizationColumn) => ({
      sql: `(SELECT contact_id FROM contact_phone WHERE organization_id = ${organizationColumn} AND phone_number = ?)`,
      params: [caller.e164],
    }),
    stubContactId,
  };
}
