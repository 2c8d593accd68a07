import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { OrganizationIdSql } from "./auth/organization-sql";
import type { ApiKeyScope } from "./db/api-key-schema";
import type { Database } from "./db/client";

/** Who is calling, and for which organization; set by the authentication middleware. */
export interface Principal {
  organizationId: string;
  /** Set for session callers; null for API keys. */
  userId: string | null;
  /** The member's role in the organization (`owner`, `admin`, `member`); null for API keys. */
  role: string | null;
  via: "session" | "api_key";
  /** What the caller may reach: a key's own scope; a session is `full` (its role decides the rest). */
  scope: ApiKeyScope;
}

/** Who rings: the organization as SQL for the ring's batch, and the key's hash when it came from a key. */
export interface RingCaller {
  organization: OrganizationIdSql;
  apiKeyHash: string | null;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Database;
    principal: Principal;
    /** The ring path's caller, to be confirmed by its own batch (src/auth/ring-authentication.ts). */
    ringCaller: RingCaller;
  };
}

/** The one handler type of every module's `*.handlers.ts`: typed by its route's zod schemas. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
