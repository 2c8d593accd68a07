import { createRoute, z } from "@hono/zod-openapi";
import { limitBody } from "../../../lib/body-limit";
import { commonErrors, json } from "../../../lib/openapi-responses";
import {
  ImportJsonSchema,
  ImportQuery,
  ImportResultSchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
} from "../types/import-export";
import { jsonOrCsvBody } from "./json-or-csv-body";

const tags = ["Data in and out"];

export const importContacts = createRoute({
  method: "post",
  path: "/contacts/import",
  tags,
  summary: "Import contacts from CSV or JSON rows; each row all or nothing",
  description:
    `A body is required: \`{rows, dry_run?}\` as JSON, or \`text/csv\` with a header row (\`?dry_run=true\`). ` +
    `At most ${MAX_IMPORT_ROWS} rows or 1 MiB per request: import larger files in chunks (an import can be ` +
    "sent again: rows already imported answer `unchanged`). CSV: comma or semicolon separated, UTF-8 with or " +
    "without a BOM, quoted as RFC 4180; columns first_name, last_name, phone, phone_label, email, email_label, " +
    "phone_2 … (any case), or Google Contacts' headers (First Name, Phone 1 - Value, E-mail 1 - Label, …); " +
    "other columns are named in `ignored_columns`. A row whose phone or email a contact holds updates that " +
    "contact (fills empty names, adds missing phones and emails); a row matching two contacts, or invalid, fails " +
    "and changes nothing; else it creates a contact. Rows sharing a phone or email become one contact.",
  // Not the JSON routes' 64 KiB: 500 rows of JSON may need more.
  middleware: [limitBody(MAX_IMPORT_BYTES), jsonOrCsvBody] as const,
  request: {
    query: ImportQuery,
    // `required: false` only for the validator, which would otherwise read a CSV body as JSON:
    // jsonOrCsvBody refuses a request without one of the two content types.
    body: {
      required: false,
      content: {
        "application/json": { schema: ImportJsonSchema },
        // Documented only: no validator reads text/csv; the handler does (services/import-export/csv-rows.ts).
        "text/csv": {
          schema: z.string().openapi({ example: "first_name,last_name,phone\nAda,Lovelace,+15551234567" }),
        },
      },
    },
  },
  responses: { 200: json(ImportResultSchema, "What happened to each row"), ...commonErrors },
});

export const exportContacts = createRoute({
  method: "get",
  path: "/contacts/export",
  tags,
  summary: "Every contact of the organization as CSV, newest first, streamed",
  description:
    "Columns: id, first_name, last_name, phone, phone_label, email, email_label, phone_2, phone_2_label … " +
    "phone_5_label, email_2 … email_5_label (preferred first), created_at, updated_at; more phone and email " +
    "columns when a contact holds more than 5. UTF-8 with a BOM, CRLF line ends. Names, labels and emails " +
    "that start with =, +, - or @ are written with a leading ' so that spreadsheets do not run them as " +
    "formulas; the import takes it off. The export imports back unchanged.",
  responses: {
    200: { description: "The contacts as CSV", content: { "text/csv": { schema: z.string() } } },
    ...commonErrors,
  },
});
