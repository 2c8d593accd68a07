/**
 * An organization id as a SQL expression with its parameters, for statements that must name the
 * organization inside one D1 batch: a session's bound id, or the organization of an API key read
 * in the same statement, so that authenticating a ring costs no round trip of its own.
 */
export interface OrganizationIdSql {
  sql: string;
  params: (string | number)[];
}

export const organizationById = (id: string): OrganizationIdSql => ({ sql: "?", params: [id] });

export const organizationOfApiKey = (keyHash: string): OrganizationIdSql => ({
  sql: "(SELECT organization_id FROM api_key WHERE key_hash = ?)",
  params: [keyHash],
});
