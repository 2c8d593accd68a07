import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "./errors";
import { corsOrigins } from "./origin";
import { REQUEST_ID_HEADER } from "./request-id";

const ALLOWED_METHODS = "GET, POST, PUT, DELETE";
const ALLOWED_HEADERS = "content-type";
/** What a SPA may read of an answer besides the basics: the id to quote, how long to wait, its read bookmark. */
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, "retry-after", "x-d1-bookmark"].join(", ");
/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * CORS for the SPAs of `CORS_ORIGINS` only, with credentials (their session cookie). Preflights
 * are answered here, before authentication (a browser never sends credentials with one); a
 * preflight from any other origin is refused. Answers to an allowed origin carry
 * `access-control-allow-origin` and `-credentials`, errors included; others carry neither, so a
 * browser keeps their bodies from the page.
 */
export const cors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("origin");
  const allowed = origin !== undefined && corsOrigins(c.env).includes(origin);
  const isPreflight = c.req.method === "OPTIONS" && c.req.header("access-control-request-method") !== undefined;
  if (isPreflight) {
    if (!allowed) throw new ApiError("forbidden", "this origin is not allowed to call the API from a browser");
    c.header("access-control-allow-origin", origin);
    c.header("access-control-allow-credentials", "true");
    c.header("access-control-allow-methods", ALLOWED_METHODS);
    c.header("access-control-allow-headers", ALLOWED_HEADERS);
    c.header("access-control-max-age", String(PREFLIGHT_MAX_AGE));
    c.header("vary", "Origin");
    return c.body(null, 204);
  }
  await next();
  // On the answer once it exists (better-auth's handler answers a Response of its own).
  c.header("vary", "Origin", { append: true });
  if (allowed) {
    c.header("access-control-allow-origin", origin);
    c.header("access-control-allow-credentials", "true");
    c.header("access-control-expose-headers", EXPOSED_HEADERS);
  }
});
