import { z } from "@hono/zod-openapi";
import { EMAIL_PATTERN, MAX_EMAIL_CHARS } from "../../../lib/email-address";
import { label, text, timestamp, uuid } from "../../../lib/fields";
import { PageQuery, page } from "../../../lib/pagination";

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

/**
 * The most contacts one search of one or two characters examines. No trigram serves such a term,
 * so its page walks the organization's contacts newest first, checking each (about 2.5 µs a
 * contact locally): one that matches nothing walked them all, with the database serving no one
 * else meanwhile. At 500 such a search costs what a page of the list costs (bench/README.md,
 * bench:noisy); a page may stop early, says so, and its cursor continues the walk.
 */
export const SHORT_SEARCH_MAX_EXAMINED = 500;

export const ContactPageSchema = page(ContactSchema)
  .extend({
    search: z
      .object({
        complete: z.boolean().openapi({
          description:
            "False when the page stopped early: a `q` of one or two characters (no index serves it) examines at " +
            `most ${SHORT_SEARCH_MAX_EXAMINED.toLocaleString("en")} contacts per request, so the page may hold ` +
            "fewer than `limit` contacts, or none, while more match further on; `next_cursor` continues the search.",
        }),
      })
      .optional()
      .openapi({ description: "Present when `q` is given" }),
  })
  .openapi("ContactPage");

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

const name = text(100).openapi({ example: "Ada" });
const MAX_QUERY_CHARS = 100;
/**
 * A contact holds at most this many phones, and as many emails, on every write path: the schema
 * says it for a new contact's lists, the database for every write (services/entry-caps.ts).
 */
export const MAX_ENTRIES_PER_CONTACT = 20;
/** Shape only; the number itself is read with the organization's default country in the service. */
const phoneNumber = text(64).min(1, "required").openapi({ example: "+1 555 123 4567" });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_CHARS, `at most ${MAX_EMAIL_CHARS} characters`)
  .check(z.regex(EMAIL_PATTERN, "not an email address"))
  .openapi({ example: "ada@example.com" });

export const NewPhoneSchema = z
  .strictObject({ phone_number: phoneNumber, label: label.optional(), is_preferred: z.boolean().optional() })
  .openapi("NewContactPhone");
export const PhoneUpdateSchema = NewPhoneSchema.partial()
  .refine((p) => Object.keys(p).length > 0, "give phone_number, label or is_preferred")
  .openapi("ContactPhoneUpdate");

export const NewEmailSchema = z
  .strictObject({ email, label: label.optional(), is_preferred: z.boolean().optional() })
  .openapi("NewContactEmail");
export const EmailUpdateSchema = NewEmailSchema.partial()
  .refine((e) => Object.keys(e).length > 0, "give email, label or is_preferred")
  .openapi("ContactEmailUpdate");

export const NewContactSchema = z
  .strictObject({
    first_name: name.optional(),
    last_name: name.optional(),
    phones: z
      .array(NewPhoneSchema)
      .max(MAX_ENTRIES_PER_CONTACT, `at most ${MAX_ENTRIES_PER_CONTACT} phones`)
      .optional(),
    emails: z
      .array(NewEmailSchema)
      .max(MAX_ENTRIES_PER_CONTACT, `at most ${MAX_ENTRIES_PER_CONTACT} emails`)
      .optional(),
  })
  .refine(
    (c) => c.first_name || c.last_name || c.phones?.length || c.emails?.length,
    "give at least a name, a phone or an email",
  )
  .openapi("NewContact");

export const ContactUpdateSchema = z
  .strictObject({ first_name: name.optional(), last_name: name.optional() })
  .refine((c) => c.first_name !== undefined || c.last_name !== undefined, "give first_name or last_name")
  .openapi("ContactUpdate");

export const MergeSchema = z.strictObject({ into: uuid }).openapi("ContactMerge");

export const ContactListQuery = PageQuery.extend({
  // Control characters are refused before trimming: a NUL or a newline is never part of a search.
  q: z
    .string()
    .refine((s) => !/\p{Cc}/u.test(s), "control characters are not allowed")
    .trim()
    .refine((s) => [...s].length <= MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`)
    .optional()
    .openapi({
      description: "Substring of a name or email, or phone digits in any format",
      maxLength: MAX_QUERY_CHARS,
    }),
});

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
