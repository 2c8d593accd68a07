import { and, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database, Statement } from "../../../db/client";
import { contact } from "../../../db/schema";
import { decodeCursor, encodeCursor, toPage } from "../../../lib/pagination";
import { type ContactKind, type ContactSort, SHORT_SEARCH_MAX_EXAMINED } from "../types/contact-list";
import { decodeNameCursor, kindIs, namedCursor, namedPageQuery, stubsCursor } from "./contact-list-order";
import { contactColumns, presentContact } from "./contact-query";
import { isShortSearch, searchCondition } from "./search-contacts";

/*
 * GET /api/contacts: newest first (the index's rowid order), or by name (services/contact-list-order.ts),
 * filtered by kind and searched with q; the first page also says how many contacts match.
 */

interface ContactListQuery {
  limit: number;
  cursor?: string;
  q?: string;
  kind?: ContactKind;
  sort?: ContactSort;
}

interface NewestPage {
  limit: number;
  /** The seq to continue below; none for the first page. */
  before?: number;
  q?: string;
  kind?: ContactKind;
}

/** One page (plus one row, to tell whether another follows), newest first, walking an index. */
function newestPageQuery(db: Database, organizationId: string, query: NewestPage) {
  const floor = isShortSearch(query.q) ? shortSearchFloorQuery(db, organizationId, query.before) : undefined;
  return db
    .select(contactColumns)
    .from(contact)
    .where(
      and(
        eq(contact.organizationId, organizationId),
        query.before === undefined ? undefined : lt(contact.seq, query.before),
        floor === undefined ? undefined : gte(contact.seq, sql`coalesce((${floor}), 0)`),
        query.kind ? kindIs(query.kind) : undefined,
        query.q ? searchCondition(query.q) : undefined,
      ),
    )
    .orderBy(desc(contact.seq))
    .limit(query.limit + 1);
}

/** The newest-first page a cursor of that order continues. */
export const contactPageQuery = (db: Database, organizationId: string, query: Omit<ContactListQuery, "sort">) =>
  newestPageQuery(db, organizationId, { ...query, before: decodeCursor(query.cursor) });

/**
 * Where a short search's walk stops: the contact SHORT_SEARCH_MAX_EXAMINED places below the
 * cursor, read from the index alone; none when fewer contacts are left. (A kind filter walks fewer
 * of them, within the same bound.)
 */
export function shortSearchFloorQuery(db: Database, organizationId: string, before: number | undefined) {
  return db
    .select({ seq: contact.seq })
    .from(contact)
    .where(and(eq(contact.organizationId, organizationId), before === undefined ? undefined : lt(contact.seq, before)))
    .orderBy(desc(contact.seq))
    .limit(1)
    .offset(SHORT_SEARCH_MAX_EXAMINED - 1);
}

/**
 * How many contacts match `kind` and `q`, reading an index (for q, the FTS5 index's matches, as the
 * page does). Not for a short search: that would walk the whole organization.
 */
export function contactCountQuery(db: Database, organizationId: string, filters: { kind?: ContactKind; q?: string }) {
  const counted = (kind: ContactKind | undefined) =>
    db
      .select({ total: count() })
      .from(contact)
      .where(
        and(
          eq(contact.organizationId, organizationId),
          kind ? kindIs(kind) : undefined,
          filters.q ? searchCondition(filters.q) : undefined,
        ),
      );
  if (filters.kind !== "known") return counted(filters.kind);
  // All but the stubs: both counts read an index alone, and with q only the matches' entries.
  // Counted directly, the named contacts read every row of contact_named_idx (SQLite takes a partial
  // index as covering only where its WHERE pins columns to constants), or with q, every entry of
  // contact_name_idx (which holds both names): the whole organization either way.
  return db.select({ total: sql<number>`(${counted(undefined)}) - (${counted("stub")})` }).from(sql`(SELECT 1)`);
}

type CountQuery = ReturnType<typeof contactCountQuery>;

/** The page's rows and, for a first page, the total, in one round trip. */
async function withTotal<Q extends Statement>(db: Database, page: Q, total: CountQuery | undefined) {
  if (!total) return { rows: (await db.batch([page]))[0] as Q["_"]["result"], total: null };
  const [rows, [counted]] = await db.batch([page, total]);
  return { rows: rows as Q["_"]["result"], total: counted?.total ?? 0 };
}

export async function listContacts(db: Database, organizationId: string, query: ContactListQuery) {
  return query.sort === "name" ? listByName(db, organizationId, query) : listNewest(db, organizationId, query);
}

const COMPLETE = { complete: true };

async function listNewest(db: Database, organizationId: string, query: ContactListQuery) {
  const before = decodeCursor(query.cursor);
  const pageQuery = newestPageQuery(db, organizationId, { ...query, before });
  if (!isShortSearch(query.q)) {
    const total = query.cursor === undefined ? contactCountQuery(db, organizationId, query) : undefined;
    const { rows, total: counted } = await withTotal(db, pageQuery, total);
    const page = { ...toPage(rows, query.limit, presentContact), total: counted };
    return query.q ? { ...page, search: COMPLETE } : page;
  }
  // The page and where its walk stopped, in one round trip; a short search is never counted.
  const [rows, [floor]] = await db.batch([pageQuery, shortSearchFloorQuery(db, organizationId, before)]);
  const page = { ...toPage(rows, query.limit, presentContact), total: null };
  // A full page ends where it ends; a short one at the floor, when the walk stopped there.
  if (page.next_cursor !== null || !floor) return { ...page, search: COMPLETE };
  return { ...page, next_cursor: encodeCursor(floor.seq), search: { complete: false } };
}

/** The named contacts A to Z, then the stubs newest first (the part `kind` leaves out skipped). */
async function listByName(db: Database, organizationId: string, query: ContactListQuery) {
  const { limit } = query;
  const cursor = decodeNameCursor(query.cursor, query.kind);
  const total = query.cursor === undefined ? contactCountQuery(db, organizationId, query) : undefined;
  const stubsFrom = (before: number | undefined, room: number) =>
    newestPageQuery(db, organizationId, { limit: room, before, kind: "stub" });

  if (query.kind === "stub" || cursor?.named === false) {
    const page = await withTotal(db, stubsFrom(cursor?.seq, limit), total);
    const data = page.rows.slice(0, limit);
    const next = page.rows.length > limit ? stubsCursor(data.at(-1)?.seq) : null;
    return { data: data.map(presentContact), next_cursor: next, total: page.total };
  }

  const after = cursor?.named ? cursor : undefined;
  const page = await withTotal(db, namedPageQuery(db, organizationId, limit, after), total);
  const named = page.rows.slice(0, limit);
  const result = (data: typeof named, next: string | null) => ({
    data: data.map(presentContact),
    next_cursor: next,
    total: page.total,
  });
  if (page.rows.length > limit) return result(named, namedCursor(named.at(-1)!));
  if (query.kind === "known") return result(named, null);
  // The named contacts end on this page: the stubs follow (a second round trip, once a walk).
  const room = limit - named.length;
  const stubs = await stubsFrom(undefined, room);
  const shownStubs = stubs.slice(0, room);
  const more = stubs.length > room;
  const data = [...named, ...shownStubs.map((stub) => ({ ...stub, shownName: "" }))];
  return result(data, more ? stubsCursor(shownStubs.at(-1)?.seq) : null);
}
