import { OpenAPIHono } from "@hono/zod-openapi";
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

/** Every router validates with the route's zod schemas and fails through the one error path. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.validation(issuesOf(result.error));
    },
  });
}
