import { z } from "@hono/zod-openapi";
import { PageQuery, page } from "../../../lib/pagination";
import { ContactSchema, MAX_NAME_CHARS } from "./contact";

/** GET /api/contacts: the list's filters, orders and pages. */

/**
 * The most contacts one search of one or two characters examines. No trigram serves such a term,
 * so its page walks the organization's contacts newest first, checking each (about 2.5 µs a
 * contact locally): one that matches nothing walked them all, with the database serving no one
 * else meanwhile. At 500 such a search costs what a page of the list costs (bench/README.md,
 * bench:noisy); a page may stop early, says so, and its cursor continues the walk.
 */
export const SHORT_SEARCH_MAX_EXAMINED = 500;

const MAX_QUERY_CHARS = 100;

/** Contacts with a name (`known`), or stubs: unknown callers, without one. The calls' caller_status words. */
export const contactKinds = ["known", "stub"] as const;
export type ContactKind = (typeof contactKinds)[number];
export const contactSorts = ["newest", "name"] as const;
export type ContactSort = (typeof contactSorts)[number];

/**
 * A `sort=name` cursor holds the last contact's name as shown (two names and a space, in UTF-8: up
 * to four bytes a character) and its place, in base64: this many characters at most.
 */
const MAX_CURSOR_CHARS = Math.ceil(((2 * MAX_NAME_CHARS + 1) * 4 + 32) / 3) * 4;

export const ContactPageSchema = page(ContactSchema)
  .extend({
    total: z
      .number()
      .int()
      .nullable()
      .openapi({
        description:
          "How many contacts match `kind` and `q`, counted on the first page (no `cursor`); null on the pages " +
          "behind a cursor, and for a `q` of one or two characters, which no index can count.",
      }),
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

export const ContactListQuery = PageQuery.extend({
  cursor: z.string().max(MAX_CURSOR_CHARS).optional().openapi({ description: "`next_cursor` of the previous page" }),
  kind: z.enum(contactKinds).optional().openapi({
    description: "Only contacts with a name (`known`), or only stubs: unknown callers, without one (`stub`)",
  }),
  sort: z
    .enum(contactSorts)
    .default("newest")
    .openapi({
      description:
        "`newest` first (the default), or by `name` as shown (first name, then last), A to Z, ignoring the case " +
        "of ASCII letters (accented letters come after Z); stubs, which have no name, come last, newest first. " +
        "Search results always come newest first: `sort=name` with `q` is a 400.",
    }),
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
}).refine((query) => !(query.q && query.sort === "name"), {
  path: ["sort"],
  message: "search results come newest first: sort=name does not combine with q",
});

/** GET /api/contacts' query as validated. */
export type ContactListFilters = z.infer<typeof ContactListQuery>;
