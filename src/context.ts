import type { Database } from "./db/client";
import type { OrganizationSource } from "./mods/contact/services/resolve-contact";

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
    /** The ring path's organization, resolved inside its own batch (authenticateRing). */
    ringOrganization: OrganizationSource & { apiKeyHash?: string };
  };
}
