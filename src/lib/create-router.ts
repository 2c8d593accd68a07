import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError, type ErrorIssue } from "./errors";

/** zod's issues in the contract's shape; an unknown field is reported at its own path. */
export function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key].map(pathPart), message: "unknown field" }))
      : [{ path: issue.path.map(pathPart), message: issue.message }],
  );
}

const pathPart = (p: PropertyKey) => (typeof p === "symbol" ? String(p) : p);

/**
 * What a route's validator hands its hook: zod's result for one part of the request, with `data`:
 * the part as sent when the schema refused it, what the schema made of it otherwise.
 */
type ValidationResult = { target: string } & (
  | { success: true; data: unknown }
  | { success: false; error: z.ZodError; data?: unknown }
);

const failOnIssues = (result: ValidationResult): undefined => {
  if (!result.success) throw ApiError.validation(issuesOf(result.error));
};

/** Every router validates with the route's zod schemas and fails through the one error path. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: failOnIssues });
}

/**
 * A route's hook, for a JSON body whose full check needs the request at hand (numbers read in the
 * deployment's country): the body is parsed again with `schemaFor(c)`, which checks all that the
 * route's schema does and more, so that one answer holds every issue. It parses what the route's
 * schema made of the body when that one took it: its transforms must be the route schema's, which
 * give the same again (trim, lowercase). The handler still gets what the route's schema made.
 */
export function checkBodyWith(schemaFor: (c: Context<AppEnv>) => z.ZodType) {
  return (result: ValidationResult, c: Context<AppEnv>): undefined => {
    if (result.target === "json") {
      const full = schemaFor(c).safeParse(result.data);
      if (!full.success) throw ApiError.validation(issuesOf(full.error));
    }
    failOnIssues(result);
  };
}
