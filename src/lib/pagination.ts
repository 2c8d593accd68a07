import { z } from "@hono/zod-openapi";
import { ApiError } from "./errors";

/** Pages are keyset pages over `seq` (insertion order): rows added meanwhile never shift a page. */
export const PageQuery = z.object({
  limit: z.coerce.number().int("limit must be an integer").min(1).max(200).default(50).openapi({ example: 50 }),
  cursor: z.string().max(64).optional().openapi({ description: "`next_cursor` of the previous page" }),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export function encodeCursor(seq: number): string {
  return btoa(`v1:${seq}`).replaceAll("=", "");
}

/** The `seq` to continue below, or undefined for the first page. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  let decoded = "";
  try {
    decoded = atob(cursor);
  } catch {}
  const match = /^v1:(\d{1,15})$/.exec(decoded);
  if (!match) throw ApiError.validation([{ path: ["cursor"], message: "not a cursor from this API" }]);
  return Number(match[1]);
}

/** A cursor holding `text`: its UTF-8 in base64url without padding, which goes in a URL as it is. */
export function textCursor(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** The text of a cursor made by textCursor, or undefined when it is none. */
export function textOfCursor(cursor: string): string | undefined {
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

/** Rows were fetched `limit + 1` at a time: the extra row only says that another page exists. */
export function toPage<R extends { seq: number }, T>(rows: R[], limit: number, present: (row: R) => T) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data: data.map(present), next_cursor: rows.length > limit && last ? encodeCursor(last.seq) : null };
}
