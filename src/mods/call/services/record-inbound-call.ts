import type { CountryCode } from "libphonenumber-js";
import type { OrganizationIdSql } from "../../../auth/organization-sql";
import { readPhoneNumber } from "../../../lib/phone-number";
import { newRowId } from "../../../lib/row-id";
import { resolveContact } from "../../contact/services/resolve-contact";

/** A ringing call, as the API or a provider's webhook reports it. */
export interface Ring {
  /** The caller's number, or what the carrier sends when it is withheld. */
  from: string;
  to: string | null;
  provider: string | null;
  providerCallId: string | null;
  /** The provider reported full STIR/SHAKEN attestation of the caller's number. */
  callerVerified: boolean;
}

export interface InboundCallOutcome {
  /** Null when the organization SQL named none (an unknown or revoked API key): nothing was written. */
  organizationId: string | null;
  callId: string;
  callCreated: boolean;
  contact: { id: string; first_name: string; last_name: string; is_stub: boolean } | null;
  /** The contact's preferred email, for the answers that hand it to a voice agent. */
  email: string | null;
  contactCreated: boolean;
  caller: "identified" | "withheld" | "invalid";
  /** The API key's row, when the organization came from one (to refresh its last use). */
  apiKey: { id: string; lastUsedAt: number | null } | null;
  /** The rows of `readAfter`, when one was given. */
  readAfter: unknown[];
}

interface AnswerRow {
  organization_id: string;
  call_id: string;
  contact_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  api_key_id: string | null;
  api_key_last_used_at: number | null;
}

/**
 * The ring path: authenticate (when the organization comes from an API key), resolve_contact,
 * record the call and read the answer back, in ONE D1 batch: one round trip, one transaction.
 * The call's INSERT answers through RETURNING, so the batch is resolve_contact's two statements
 * (they write for new numbers only) and this one.
 * A replay (same provider_call_id in the organization) creates nothing and answers the first call:
 * its conflict is a no-op UPDATE, there so that RETURNING yields the recorded row.
 * `readAfter`: a read for the end of the same batch, for a caller whose organization SQL can name
 * none, to learn why without a round trip of its own (a webhook's integration changed since cached).
 */
export async function recordInboundCall(
  d1: D1Database | D1DatabaseSession,
  caller: { organization: OrganizationIdSql; apiKeyHash: string | null },
  ring: Ring,
  country: CountryCode,
  readAfter?: { sql: string; params: unknown[] },
): Promise<InboundCallOutcome> {
  const reading = readPhoneNumber(ring.from, country);
  const callerKind = reading.kind === "phone" ? "identified" : reading.kind;
  const { providerCallId } = ring;
  const now = Date.now();
  const callId = newRowId();
  const { organization, apiKeyHash } = caller;
  const resolution =
    reading.kind === "phone"
      ? resolveContact(d1, reading, organization, { now, unlessCallRecorded: providerCallId })
      : null;
  const contactId = resolution?.contactIdSql("o.id") ?? { sql: "NULL", params: [] };

  const recordCall = d1
    .prepare(
      `INSERT INTO call
         (id, organization_id, contact_id, "from", "to", provider, provider_call_id, caller, caller_verified,
          created_at)
       SELECT ?, o.id, ${contactId.sql}, ?, ?, ?, ?, ?, ?, ?
       FROM (SELECT ${organization.sql} AS id) o WHERE o.id IS NOT NULL
       ON CONFLICT (organization_id, provider_call_id) DO UPDATE SET provider_call_id = excluded.provider_call_id
       RETURNING organization_id, id AS call_id, contact_id,
         (SELECT first_name FROM contact WHERE id = call.contact_id) AS first_name,
         (SELECT last_name FROM contact WHERE id = call.contact_id) AS last_name,
         (SELECT email FROM contact_email WHERE contact_id = call.contact_id AND is_preferred = 1) AS email,
         (SELECT id FROM api_key WHERE key_hash = ?) AS api_key_id,
         (SELECT last_used_at FROM api_key WHERE key_hash = ?) AS api_key_last_used_at`,
    )
    .bind(
      // In the order the placeholders appear: the select list, the organization in FROM, RETURNING.
      callId,
      ...contactId.params,
      reading.kind === "phone" ? reading.e164 : ring.from.trim(),
      ring.to,
      ring.provider,
      providerCallId,
      callerKind,
      ring.callerVerified ? 1 : 0,
      now,
      ...organization.params,
      apiKeyHash,
      apiKeyHash,
    );

  const statements = [...(resolution?.statements ?? []), recordCall];
  const results = await d1.batch<AnswerRow>(
    readAfter ? [...statements, d1.prepare(readAfter.sql).bind(...readAfter.params)] : statements,
  );
  // No row: the organization SQL named none (an unknown or revoked key), and nothing was written.
  const answer = results[statements.length - 1]?.results[0];
  const contact =
    answer?.contact_id != null
      ? {
          id: answer.contact_id,
          first_name: answer.first_name ?? "",
          last_name: answer.last_name ?? "",
          is_stub: !answer.first_name && !answer.last_name,
        }
      : null;
  return {
    organizationId: answer?.organization_id ?? null,
    callId: answer?.call_id ?? callId,
    callCreated: answer?.call_id === callId,
    contact,
    email: answer?.email ?? null,
    contactCreated: contact !== null && contact.id === resolution?.stubContactId,
    caller: callerKind,
    apiKey: answer?.api_key_id ? { id: answer.api_key_id, lastUsedAt: answer.api_key_last_used_at } : null,
    readAfter: readAfter ? (results.at(-1)?.results ?? []) : [],
  };
}
