import { createMiddleware } from "hono/factory";
import { ApiError } from "./errors";
import { readBodyUpTo } from "./read-body";

/** Enough for `{}` with some whitespace; a longer body is not an empty one. */
const MAX_EMPTY_BODY_BYTES = 64;

/**
 * For a POST that takes no body (`POST /api/calls/{id}/enrich`): no body or an empty one is
 * fine, as is `{}` sent as JSON (what generic JSON clients send). Anything else is refused as on
 * the JSON routes: another content type is a 415, JSON with fields or not JSON a 400. So the route
 * cannot be reached by a form post or a text body that merely looks harmless.
 */
export const noBody = createMiddleware(async (c, next) => {
  const body = await readBodyUpTo(c.req.raw, MAX_EMPTY_BODY_BYTES);
  if (body === null) throw new ApiError("payload_too_large", "this route takes no body");
  const text = new TextDecoder().decode(body).trim();
  if (text === "") return next();
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(c.req.header("content-type") ?? "")) {
    throw new ApiError("unsupported_media_type", "this route takes no body, or {} as application/json");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ApiError.validation([{ path: [], message: "malformed JSON" }]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw ApiError.validation([{ path: [], message: "this route takes no body, or {}" }]);
  }
  const fields = Object.keys(parsed);
  if (fields.length) throw ApiError.validation(fields.map((field) => ({ path: [field], message: "unknown field" })));
  await next();
});
