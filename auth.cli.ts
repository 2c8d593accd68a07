// Only for `npx auth generate` (the better-auth schema CLI): the same options as the Worker uses,
// with a database handle the CLI never opens.
import { createAuth } from "./src/auth/better-auth";
import type { Database } from "./src/db/client";

export const auth = createAuth({ BETTER_AUTH_SECRET: "cli", BETTER_AUTH_URL: "http://localhost" }, {} as Database);
