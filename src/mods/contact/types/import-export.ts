import { z } from "@hono/zod-openapi";
import { uuid } from "../../../lib/fields";
import { perCountry } from "../../../lib/phone-number";
import {
  type ContactBodies,
  contactBodiesIn,
  NewContactSchema,
  NewEmailSchema,
  NewPhoneSchema,
  newEntries,
} from "./contact";

/** Rows per import request: larger files are imported in chunks of this many. */
export const MAX_IMPORT_ROWS = 500;
/** An import's body: 500 rows of CSV take far less; JSON rows with many entries each may need it. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

// ---- What an import takes ----

/** A row is validated as a new contact is, without `is_preferred` (an import decides that). */
function importRow({ NewContactSchema, NewPhoneSchema }: Pick<ContactBodies, "NewContactSchema" | "NewPhoneSchema">) {
  return z
    .strictObject({
      first_name: NewContactSchema.shape.first_name,
      last_name: NewContactSchema.shape.last_name,
      phones: newEntries(NewPhoneSchema.omit({ is_preferred: true }), "phones", { preferred: false }),
      emails: newEntries(NewEmailSchema.omit({ is_preferred: true }), "emails", { preferred: false }),
    })
    .refine(
      (r) => r.first_name || r.last_name || r.phones?.length || r.emails?.length,
      "give at least a name, a phone or an email",
    )
    .openapi("ImportRow");
}

/** For the document: numbers checked for their shape only (see contactBodies). */
export const ImportRowSchema = importRow({ NewContactSchema, NewPhoneSchema });
/** What an import checks each row with: its numbers read in `country`, given on in E.164. */
export const importRowSchemaIn = perCountry((country) => importRow(contactBodiesIn(country)));

/**
 * The JSON body. Each row is checked on its own (an invalid row is a `failed` row of the answer,
 * not a 400 for the whole request), so the body's schema takes any rows and documents ImportRow.
 */
export const ImportJsonSchema = z
  .strictObject({
    rows: z
      .array(z.unknown())
      .min(1, "no rows to import")
      .max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS} rows per request: import larger files in chunks`)
      .openapi({ items: { $ref: "#/components/schemas/ImportRow" } }),
    dry_run: z.boolean().optional().openapi({ description: "Answer what the import would do; write nothing" }),
  })
  .openapi("ImportRequest");

export const ImportQuery = z.object({
  dry_run: z
    .enum(["true", "false"], "true or false")
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "Answer what the import would do; write nothing (for CSV bodies; JSON may say it too)" }),
});

// ---- What an import answers ----

export const importStatuses = ["created", "updated", "unchanged", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

const IssueSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });

export const ImportRowResultSchema = z.object({
  row: z
    .number()
    .int()
    .openapi({ description: "The row's position, 1 for the first (CSV: the first line after the header)" }),
  status: z.enum(importStatuses),
  contact_id: uuid.nullable().openapi({
    description: "The contact the row created or updated; null when it failed, or for a contact a dry run would create",
  }),
  errors: z.array(IssueSchema).openapi({
    description: "Why the row failed (paths as the row was given: JSON fields, or CSV column names); empty otherwise",
  }),
});

export const ImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
    rows: z.array(ImportRowResultSchema),
    ignored_columns: z
      .array(z.string())
      .openapi({ description: "CSV header columns the import does not read, as written; empty for JSON" }),
  })
  .openapi("ImportResult");

export type ImportRow = z.infer<typeof ImportRowSchema>;
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
