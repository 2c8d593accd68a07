import { z } from "@hono/zod-openapi";

const CONTROL_CHARACTERS = /\p{Cc}/u;
const noControlCharacters = (s: string) => !CONTROL_CHARACTERS.test(s);

/** Free text a person typed: trimmed, bounded in characters (not UTF-16 units), no control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => [...s].length <= max, `at most ${max} characters`)
    .refine(noControlCharacters, "control characters are not allowed")
    .openapi({ maxLength: max });

/** A label ("Work", "Mobile") or null; an empty label is null. */
export const label = z
  .union([text(50), z.null()])
  .transform((v) => v || null)
  .openapi({ type: ["string", "null"], maxLength: 50, example: "Mobile" });

export const uuid = z.uuid("not an id");

export const timestamp = z.string().openapi({ format: "date-time", example: "2026-11-23T21:00:00.000Z" });

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
