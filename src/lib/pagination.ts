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

/** Rows were fetched `limit + 1` at a time: the extra row only says that another page exists. */
export function toPage<R extends { seq: number }, T>(rows: R[], limit: number, present: (row: R) => T) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data: data.map(present), next_cursor: rows.length > limit && last ? encodeCursor(last.seq) : null };
}
