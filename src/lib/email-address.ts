import { regexes } from "zod";

/**
 * What an email address must look like, for people (the API's validation) and for the model
 * (enrichment) alike. From zod's core, not @hono/zod-openapi: the enrichment Worker takes it
 * without the HTTP layer.
 */
export const EMAIL_PATTERN = regexes.email;
export const MAX_EMAIL_CHARS = 254;

/** Trimmed and lower-cased, or null when it is not an email address. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= MAX_EMAIL_CHARS && EMAIL_PATTERN.test(email) ? email : null;
}
