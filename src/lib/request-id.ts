import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";

export const REQUEST_ID_HEADER = "x-request-id";
/** A client's id is logged beside ours, cut to this length: it is the client's text, not ours. */
const MAX_CLIENT_ID_CHARS = 128;

/**
 * Every request gets an id the service made (never one a client sent: a client could otherwise
 * choose the id its requests are logged under, or collide with another's), set as `requestId`
 * and answered in the `x-request-id` header. The header is set on the answer once it exists: a
 * handler that answers a Response of its own (better-auth's) never sees headers set before it.
 */
export const serviceRequestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.header(REQUEST_ID_HEADER, id);
});

/**
 * The request's ids for a log line: ours, and beside it what the client and Cloudflare's edge
 * called the request (a client's `x-request-id`, `cf-ray`), so either side can find the line.
 */
export function requestIdsForLog(c: Context<AppEnv>) {
  const clientId = c.req.header(REQUEST_ID_HEADER);
  const cfRay = c.req.header("cf-ray");
  return {
    request_id: c.var.requestId,
    ...(clientId && { client_request_id: clientId.slice(0, MAX_CLIENT_ID_CHARS) }),
    ...(cfRay && { cf_ray: cfRay.slice(0, MAX_CLIENT_ID_CHARS) }),
  };
}
