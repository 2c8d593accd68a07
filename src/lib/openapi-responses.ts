import { z } from "@hono/zod-openapi";
import { type ErrorCode, errorStatus } from "./errors";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
      existing_contact_id: z
        .string()
        .optional()
        .openapi({ description: "With `conflict`: the contact that holds the value." }),
      request_id: z.string(),
    }),
  })
  .openapi("Error");

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

/** The failures every authenticated route can answer with. */
export const commonErrors = {
  400: error("Invalid input: malformed JSON, wrong types, unknown fields"),
  401: error("No session and no valid API key"),
  403: error("No active organization, or the role may not do this"),
  413: error("Body over 64 KiB"),
  415: error("Content-type is not application/json"),
  429: error("Too many requests; see retry-after"),
  500: error("Unexpected failure, logged with the request id"),
} as const;

export const notFoundError = { 404: error("No such resource in the caller's organization") } as const;
export const conflictError = {
  409: error(
    "The phone number or email belongs to another contact of the organization; `issues` names the field that holds it",
  ),
} as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A strict JSON request body: unknown fields are a 400, another content type a 415. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
