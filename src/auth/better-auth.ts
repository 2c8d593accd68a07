import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth/minimal";
import { organization } from "better-auth/plugins/organization";
import type { Database } from "../db/client";
import * as schema from "../db/schema";
import { type OriginConfig, trustedOrigins } from "../lib/origin";

export interface AuthConfig extends OriginConfig {
  BETTER_AUTH_SECRET: string;
}

/**
 * better-auth is built per request: bindings and secrets only exist inside a request on Workers.
 * Building it is cheap (plain objects); the work is in the handlers it returns.
 */
export function createAuth(config: AuthConfig, db: Database) {
  return betterAuth({
    secret: config.BETTER_AUTH_SECRET,
    baseURL: config.BETTER_AUTH_URL,
    basePath: "/api/auth",
    // The SPAs of CORS_ORIGINS sign in too, and in local development the dev server's own origin
    // on any port: the API's own cookie routes trust exactly the same origins (lib/origin.ts).
    trustedOrigins: (request) => trustedOrigins(config, request?.url),
    database: drizzleAdapter(db, { provider: "sqlite", schema }),
    emailAndPassword: { enabled: true, minPasswordLength: 10 },
    plugins: [organization()],
    advanced: {
      // The contract's ids are UUIDs, organizations' included.
      database: { generateId: "uuid" },
      // Cloudflare sets this header itself and overwrites any client value.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
    rateLimit: {
      enabled: true,
      // Per-isolate memory would give every isolate its own budget; D1 gives one shared count.
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 5 },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
