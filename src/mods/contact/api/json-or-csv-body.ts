import { createMiddleware } from "hono/factory";
import { ApiError } from "../../../lib/errors";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CSV_TYPE = /^text\/csv\s*(?:;|$)/i;

export const isCsv = (contentType: string | undefined) => CSV_TYPE.test(contentType ?? "");

/** The import takes JSON rows or a CSV file: any other content type, or none, is the contract's 415. */
export const jsonOrCsvBody = createMiddleware(async (c, next) => {
  const contentType = c.req.header("content-type");
  if (!JSON_TYPE.test(contentType ?? "") && !isCsv(contentType)) {
    throw new ApiError("unsupported_media_type", "content-type must be application/json or text/csv");
  }
  await next();
});
