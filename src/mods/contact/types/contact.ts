import { z } from "@hono/zod-openapi";
import type { CountryCode } from "libphonenumber-js";
import { EMAIL_PATTERN, MAX_EMAIL_CHARS } from "../../../lib/email-address";
import { label, text, timestamp, uuid } from "../../../lib/fields";
import { e164Of, perCountry } from "../../../lib/phone-number";

// ---- What the API answers ----

export const PhoneSchema = z
  .object({
    id: uuid,
    phone_number: z.string().openapi({ description: "E.164", example: "+15551234567" }),
    label: z.string().nullable(),
    is_preferred: z.boolean(),
    created_at: timestamp,
  })
  .openapi("ContactPhone");

export const EmailSchema = z
  .object({
    id: uuid,
    email: z.string().openapi({ example: "ada@example.com" }),
    label: z.string().nullable(),
    is_preferred: z.boolean(),
    source: z.enum(["manual", "enrichment"]),
    created_at: timestamp,
  })
  .openapi("ContactEmail");

export const ContactSchema = z
  .object({
    id: uuid,
    first_name: z.string(),
    last_name: z.string(),
    is_stub: z.boolean().openapi({ description: "True while both names are empty" }),
    phones: z.array(PhoneSchema),
    emails: z.array(EmailSchema),
    enriched_at: timestamp.nullable(),
    enriched_from_call_id: uuid.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi("Contact");

export const DuplicatesSchema = z
  .object({
    data: z.array(
      z.object({
        contact: ContactSchema,
        reason: z.enum(["email", "name"]),
        unverified: z.boolean().openapi({
          description:
            "True when the suggestion rests on what a caller said on a call (an email, or a name, enrichment heard), " +
            "which nobody has checked: a caller can claim to be someone else. Merging would give the caller's " +
            "number to that person.",
        }),
      }),
    ),
  })
  .openapi("ContactDuplicates");

// ---- What the API accepts ----

/** A first or last name's most characters, on every write path (the schema, enrichment's fill-in-stub). */
export const MAX_NAME_CHARS = 100;
const name = text(MAX_NAME_CHARS).openapi({ example: "Ada" });
/**
 * A contact holds at most this many phones, and as many emails, on every write path: the schema
 * says it for a new contact's lists, the database for every write (services/entry-caps.ts).
 */
export const MAX_ENTRIES_PER_CONTACT = 20;
/** A number's shape; `phoneNumberIn` reads the number itself. */
const phoneNumberShape = text(64).min(1, "required");
/**
 * Read in `country` once its shape is right (a number too long is not also "not a phone number"),
 * and given on in E.164, so that two spellings of one number are seen to be the same.
 */
const phoneNumberIn = (country: CountryCode) =>
  phoneNumberShape.transform((value, ctx) => {
    const e164 = e164Of(value, country);
    if (e164 !== null) return e164;
    ctx.issues.push({ code: "custom", message: "not a phone number", input: value });
    return z.NEVER;
  });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_CHARS, `at most ${MAX_EMAIL_CHARS} characters`)
  .check(z.regex(EMAIL_PATTERN, "not an email address"))
  .openapi({ example: "ada@example.com" });

export const NewEmailSchema = z
  .strictObject({ email, label: label.optional(), is_preferred: z.boolean().optional() })
  .openapi("NewContactEmail");
export const EmailUpdateSchema = NewEmailSchema.partial()
  .refine((e) => Object.keys(e).length > 0, "give email, label or is_preferred")
  .openapi("ContactEmailUpdate");

/**
 * A new contact's phones or emails: at most MAX_ENTRIES_PER_CONTACT, at most one marked preferred
 * (when `preferred`), no value twice (values as the entry schema gives them on: lowercased emails,
 * numbers in E.164 when read in a country). Checked beside the entries' own issues, so that one
 * answer holds them all; an entry refused already is not also "listed twice".
 */
export function newEntries<T extends z.ZodType>(entry: T, plural: "phones" | "emails", { preferred = true } = {}) {
  const field = plural === "phones" ? "phone_number" : "email";
  return z
    .array(entry)
    .max(MAX_ENTRIES_PER_CONTACT, `at most ${MAX_ENTRIES_PER_CONTACT} ${plural}`)
    .superRefine(
      (entries, ctx) => {
        const refused = new Set(
          ctx.issues.filter((issue) => issue.path?.[1] === field).map((issue) => issue.path?.[0]),
        );
        const seen = new Set<string>();
        let marked = false;
        (entries as Record<string, unknown>[]).forEach((item, i) => {
          if (preferred && item?.is_preferred === true) {
            if (marked)
              ctx.addIssue({ code: "custom", path: [i, "is_preferred"], message: "only one can be preferred" });
            marked = true;
          }
          const value = item?.[field];
          if (typeof value !== "string" || refused.has(i)) return;
          if (seen.has(value)) ctx.addIssue({ code: "custom", path: [i, field], message: "listed twice" });
          seen.add(value);
        });
      },
      // Also when some entries have issues of their own: those do not hide the others'.
      { when: (payload) => Array.isArray(payload.value) },
    )
    .optional();
}

/**
 * The bodies that hold phone numbers. With a country, each number is read in it (the deployment's
 * DEFAULT_PHONE_COUNTRY), so that one parse finds every issue of a body, its numbers' too: the
 * routes check their bodies so (api/checked-body.ts), and an import its rows. Without one, numbers
 * are checked for their shape only (and given on as written): those schemas type the handlers and
 * write the document.
 */
function contactBodies(country?: CountryCode) {
  const NewPhoneSchema = z
    .strictObject({
      phone_number: (country ? phoneNumberIn(country) : phoneNumberShape).openapi({ example: "+1 555 123 4567" }),
      label: label.optional(),
      is_preferred: z.boolean().optional(),
    })
    .openapi("NewContactPhone");
  const PhoneUpdateSchema = NewPhoneSchema.partial()
    .refine((p) => Object.keys(p).length > 0, "give phone_number, label or is_preferred")
    .openapi("ContactPhoneUpdate");
  const NewContactSchema = z
    .strictObject({
      first_name: name.optional(),
      last_name: name.optional(),
      phones: newEntries(NewPhoneSchema, "phones"),
      emails: newEntries(NewEmailSchema, "emails"),
    })
    .refine(
      (c) => c.first_name || c.last_name || c.phones?.length || c.emails?.length,
      "give at least a name, a phone or an email",
    )
    .openapi("NewContact");
  return { NewPhoneSchema, PhoneUpdateSchema, NewContactSchema };
}

export type ContactBodies = ReturnType<typeof contactBodies>;
export const { NewPhoneSchema, PhoneUpdateSchema, NewContactSchema } = contactBodies();
/** The same bodies with their numbers read in `country`: every issue of a body in one parse. */
export const contactBodiesIn = perCountry(contactBodies);

export const ContactUpdateSchema = z
  .strictObject({ first_name: name.optional(), last_name: name.optional() })
  .refine((c) => c.first_name !== undefined || c.last_name !== undefined, "give first_name or last_name")
  .openapi("ContactUpdate");

export const MergeSchema = z.strictObject({ into: uuid }).openapi("ContactMerge");

export const ContactStatsQuery = z.object({
  days: z.coerce.number().int("days must be an integer").min(1).max(365).default(30).openapi({ example: 30 }),
});

export const ContactStatsSchema = z
  .object({
    total: z.number().int(),
    active: z.number().int(),
    stubs: z.number().int(),
    active_window_days: z.number().int(),
  })
  .openapi("ContactStats");

export const ContactParams = z.object({ id: uuid.openapi({ param: { name: "id", in: "path" } }) });
export const PhoneParams = ContactParams.extend({
  phone_id: uuid.openapi({ param: { name: "phone_id", in: "path" } }),
});
export const EmailParams = ContactParams.extend({
  email_id: uuid.openapi({ param: { name: "email_id", in: "path" } }),
});

export type Contact = z.infer<typeof ContactSchema>;
export type Phone = z.infer<typeof PhoneSchema>;
export type Email = z.infer<typeof EmailSchema>;
export type NewContact = z.infer<typeof NewContactSchema>;
export type NewPhone = z.infer<typeof NewPhoneSchema>;
export type PhoneUpdate = z.infer<typeof PhoneUpdateSchema>;
export type NewEmail = z.infer<typeof NewEmailSchema>;
export type EmailUpdate = z.infer<typeof EmailUpdateSchema>;
