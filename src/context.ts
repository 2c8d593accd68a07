import type { Database } from "./db/client";

/** Who is calling, and for which organization; set by the authentication middleware. */
export interface Principal {
  organizationId: string;
  /** Set for session callers; null for API keys. */
  userId: string | null;
  /** The member's role in the organization (`owner`, `admin`, `member`); null for API keys. */
  role: string | null;
  via: "session" | "api_key";
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Database;
    principal: Principal;
  };
}
