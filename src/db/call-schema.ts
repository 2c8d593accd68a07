import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organization } from "./auth-schema";
import { contact } from "./contact-schema";

export const callerKinds = ["identified", "withheld", "invalid"] as const;
export const enrichmentStatuses = ["queued", "done", "skipped", "failed"] as const;

/** An inbound call. It outlives its contact (`contact_id` becomes null) and follows merges. */
export const call = sqliteTable(
  "call",
  {
    /** Insertion order: newest-first pages walk it. */
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    contactId: text("contact_id").references(() => contact.id, { onDelete: "set null" }),
    /** E.164 when the caller was identified; otherwise what the provider sent. Null once erased. */
    from: text("from"),
    to: text("to"),
    provider: text("provider"),
    providerCallId: text("provider_call_id"),
    caller: text("caller", { enum: callerKinds }).notNull(),
    /** The provider reported the number passed STIR/SHAKEN with full attestation (A). */
    callerVerified: integer("caller_verified", { mode: "boolean" }).notNull().default(false),
    transcription: text("transcription"),
    enrichmentStatus: text("enrichment_status", { enum: enrichmentStatuses }),
    enrichmentError: text("enrichment_error"),
    /** When the current hour of asking to enrich this call began, and how many times it was asked since. */
    enrichmentWindowStart: integer("enrichment_window_start", { mode: "timestamp_ms" }),
    enrichmentRequests: integer("enrichment_requests").notNull().default(0),
    /** Its contact was erased (POST /api/contacts/{id}/erase): it keeps no trace of the person. */
    erased: integer("erased", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // Webhook replays: one call per provider call id in an organization.
    uniqueIndex("call_provider_call_uq").on(t.organizationId, t.providerCallId),
    index("call_organization_idx").on(t.organizationId),
    index("call_contact_idx").on(t.contactId),
    // The calls page's filters: (organization_id, caller | enrichment_status, rowid), so a filtered
    // newest-first page walks one index backwards without a sort.
    index("call_caller_idx").on(t.organizationId, t.caller),
    index("call_enrichment_status_idx").on(t.organizationId, t.enrichmentStatus),
    // "Active contacts": calls of an organization since a date, by contact.
    index("call_activity_idx").on(t.organizationId, t.createdAt, t.contactId),
  ],
);

export type CallRow = typeof call.$inferSelect;
