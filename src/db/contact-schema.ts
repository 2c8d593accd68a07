import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organization } from "./auth-schema";

/*
 * Every table here carries `seq`, an INTEGER PRIMARY KEY (SQLite's rowid): it orders rows by
 * insertion (newest first pages, "oldest remaining" preferred entries) and is the rowid of the
 * contact's row in the full-text index. `id` is the public UUID.
 */
const seq = () => integer("seq").primaryKey();
const publicId = () => text("id").notNull().unique();
const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull();

export const contact = sqliteTable(
  "contact",
  {
    seq: seq(),
    id: publicId(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    enrichedAt: integer("enriched_at", { mode: "timestamp_ms" }),
    enrichedFromCallId: text("enriched_from_call_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // (organization_id, rowid): newest-first pages walk this index backwards, no sort.
    index("contact_organization_idx").on(t.organizationId),
    // Counting stubs for the dashboard without reading the rows; the stubs' newest-first pages.
    index("contact_stub_idx").on(t.organizationId).where(sql`first_name = '' AND last_name = ''`),
    // The named contacts' newest-first pages (the list's `kind=known`). SQLite uses a partial index
    // only for a query repeating its WHERE: services/contact-list-order.ts spells both the same way.
    index("contact_named_idx").on(t.organizationId).where(sql`NOT (first_name = '' AND last_name = '')`),
    // The named contacts A to Z by the name as shown (first, then last), ASCII case ignored; the
    // rowid after it breaks ties. The list's `sort=name` walks it (services/contact-list-order.ts).
    index("contact_name_order_idx")
      .on(t.organizationId, sql`trim(first_name || ' ' || last_name) COLLATE NOCASE`)
      .where(sql`NOT (first_name = '' AND last_name = '')`),
    // "Same first and last name" duplicate suggestions.
    index("contact_name_idx").on(
      t.organizationId,
      sql`${t.lastName} collate nocase`,
      sql`${t.firstName} collate nocase`,
    ),
  ],
);

export const contactPhone = sqliteTable(
  "contact_phone",
  {
    seq: seq(),
    id: publicId(),
    organizationId: text("organization_id").notNull(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contact.id, { onDelete: "cascade" }),
    /** E.164 */
    phoneNumber: text("phone_number").notNull(),
    /** Digits of the E.164 and national forms, for search by digits in any format. */
    searchDigits: text("search_digits").notNull(),
    label: text("label"),
    isPreferred: integer("is_preferred", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contact_phone_number_uq").on(t.organizationId, t.phoneNumber),
    uniqueIndex("contact_phone_preferred_uq").on(t.contactId).where(sql`is_preferred = 1`),
    index("contact_phone_contact_idx").on(t.contactId),
  ],
);

export const contactEmail = sqliteTable(
  "contact_email",
  {
    seq: seq(),
    id: publicId(),
    organizationId: text("organization_id").notNull(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contact.id, { onDelete: "cascade" }),
    /** Trimmed and lowercased. */
    email: text("email").notNull(),
    label: text("label"),
    isPreferred: integer("is_preferred", { mode: "boolean" }).notNull().default(false),
    source: text("source", { enum: ["manual", "enrichment"] })
      .notNull()
      .default("manual"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contact_email_address_uq").on(t.organizationId, t.email),
    uniqueIndex("contact_email_preferred_uq").on(t.contactId).where(sql`is_preferred = 1`),
    index("contact_email_contact_idx").on(t.contactId),
  ],
);

/**
 * "This contact may be that one": recorded when enrichment hears an email another contact holds.
 * Same-name suggestions are computed on read, not stored.
 */
export const contactDuplicate = sqliteTable(
  "contact_duplicate",
  {
    seq: seq(),
    organizationId: text("organization_id").notNull(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contact.id, { onDelete: "cascade" }),
    duplicateContactId: text("duplicate_contact_id")
      .notNull()
      .references(() => contact.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: ["email"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contact_duplicate_pair_uq").on(t.contactId, t.duplicateContactId, t.reason),
    index("contact_duplicate_other_idx").on(t.duplicateContactId),
  ],
);

export type ContactRow = typeof contact.$inferSelect;
export type ContactPhoneRow = typeof contactPhone.$inferSelect;
export type ContactEmailRow = typeof contactEmail.$inferSelect;
