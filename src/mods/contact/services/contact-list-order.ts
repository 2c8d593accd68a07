import { and, eq, gt, gte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { contact } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { textCursor, textOfCursor } from "../../../lib/pagination";
import type { ContactKind } from "../types/contact-list";
import { contactColumns } from "./contact-query";

/*
 * The contact list's filters and its name order, written as the indexes of db/contact-schema.ts
 * write them: SQLite uses a partial index only for a query that repeats its WHERE, and an index on
 * an expression only for that very expression. Literals, not parameters: a bound '' would not match
 * the indexes' WHERE. test/contact/query-plans.test.ts holds each list query to its index.
 */

/** A stub has neither name (the contract's `is_stub`): contact_stub_idx. */
const isStub = sql`(${contact.firstName} = '' AND ${contact.lastName} = '')`;
/** A contact with a name: contact_named_idx and contact_name_order_idx. */
const isNamed = sql`NOT (${contact.firstName} = '' AND ${contact.lastName} = '')`;

export const kindIs = (kind: ContactKind): SQL => (kind === "stub" ? isStub : isNamed);

/** The name as shown, first then last (a stub's is empty). */
const shownName = sql<string>`trim(${contact.firstName} || ' ' || ${contact.lastName})`;
/**
 * What `sort=name` orders by: the name as shown, ignoring the case of ASCII letters (NOCASE, the
 * only case-blind collation D1 has: "émile" comes after "Zoe"); contact_name_order_idx holds it.
 */
const nameOrder = sql<string>`${shownName} COLLATE NOCASE`;

/** Where a `sort=name` page starts: after a named contact, or at a stub (none: the newest). */
export type NameCursor = { named: true; name: string; seq: number } | { named: false; seq?: number };

/*
 * A walk by name goes through the named contacts A to Z, then the stubs newest first. Its cursor
 * says which part it is in and where: the name and seq of the last named contact (names repeat:
 * seq breaks ties), or the seq of the last stub ("stubs:" alone when no stub was shown yet).
 */
const NAMED_CURSOR = /^name:(\d{1,15}):(.*)$/s;
const STUBS_CURSOR = /^stubs:(\d{1,15})?$/;

export const namedCursor = (row: { seq: number; shownName: string }) => textCursor(`name:${row.seq}:${row.shownName}`);
export const stubsCursor = (seq?: number) => textCursor(`stubs:${seq ?? ""}`);

/** The cursor of a `sort=name` page; a cursor of another list, or of the part `kind` leaves out, is a 400. */
export function decodeNameCursor(cursor: string | undefined, kind: ContactKind | undefined): NameCursor | undefined {
  if (cursor === undefined) return undefined;
  const text = textOfCursor(cursor) ?? "";
  const named = NAMED_CURSOR.exec(text);
  if (named && kind !== "stub") return { named: true, seq: Number(named[1]), name: named[2]! };
  const stubs = STUBS_CURSOR.exec(text);
  if (stubs && kind !== "known") return { named: false, seq: stubs[1] === undefined ? undefined : Number(stubs[1]) };
  throw ApiError.validation([{ path: ["cursor"], message: "not a cursor of this list and order" }]);
}

/**
 * A page (plus one row) of the organization's named contacts A to Z after `after`, walking
 * contact_name_order_idx: from the cursor's name on (a range of the index), skipping the few of that
 * very name already shown; ties in the index's rowid order.
 */
export function namedPageQuery(
  db: Database,
  organizationId: string,
  limit: number,
  after: { name: string; seq: number } | undefined,
) {
  return db
    .select({ ...contactColumns, shownName })
    .from(contact)
    .where(
      and(
        eq(contact.organizationId, organizationId),
        isNamed,
        after && gte(nameOrder, after.name),
        after && or(gt(nameOrder, after.name), gt(contact.seq, after.seq)),
      ),
    )
    .orderBy(nameOrder, contact.seq)
    .limit(limit + 1);
}
