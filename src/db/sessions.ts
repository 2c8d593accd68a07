import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { createDb } from "./client";

const BOOKMARK_HEADER = "x-d1-bookmark";
const BOOKMARK_COOKIE = "d1_bookmark";
/** D1 bookmarks are dash-separated hex (`0000000b-00000002-00004f5e-…`). */
const BOOKMARK_SHAPE = /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){0,7}$/i;

/*
 * D1 read replication through the Sessions API. Reads without a bookmark may be served by the
 * nearest replica ("first-unconstrained"); writes start at the primary. Every answer carries the
 * session's bookmark (header, and a cookie for browsers): a client that sends it back reads at
 * least what it wrote, even from a replica. Within one request the session is sequentially
 * consistent, so a write's own read-back in its batch always sees the write.
 */
function startingPoint(c: Context<AppEnv>): string {
  const bookmark = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE);
  // Anything else is not handed to D1 (a constraint name, say, or garbage): the request starts
  // at the primary instead, which is never behind, and answers a real bookmark.
  if (bookmark) return BOOKMARK_SHAPE.test(bookmark) ? bookmark : "first-primary";
  return c.req.method === "GET" || c.req.method === "HEAD" ? "first-unconstrained" : "first-primary";
}

export const withDatabase = createMiddleware<AppEnv>(async (c, next) => {
  const session = c.env.DB.withSession(startingPoint(c));
  c.set("db", createDb(session));
  await next();
  const bookmark = session.getBookmark();
  if (!bookmark) return;
  c.header(BOOKMARK_HEADER, bookmark);
  if (c.req.header("cookie"))
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      path: "/api",
      httpOnly: true,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
    });
});
