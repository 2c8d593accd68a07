import { ApiError } from "./errors";

export interface OriginConfig {
  /** The service's public URL: its origin is the service's own. */
  BETTER_AUTH_URL: string;
  /** Comma-separated origins of SPAs allowed to call the API from a browser, with credentials. */
  CORS_ORIGINS?: string;
  /**
   * "true" only under `npm run dev`, which passes it with `--var` (tools/dev.mjs): no wrangler config
   * sets it, so no deployed Worker has it, and `npm run deploy` refuses a config that does.
   */
  TRUST_LOCALHOST_ORIGINS?: string;
}

/** `https://app.example.com/` and ` https://APP.example.com` alike become `https://app.example.com`. */
function originOf(value: string): string | null {
  try {
    const origin = new URL(value.trim()).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/** The SPA origins of `CORS_ORIGINS` (empty by default); an entry that is not an origin counts for nothing. */
export function corsOrigins(config: OriginConfig): string[] {
  return (config.CORS_ORIGINS ?? "").split(",").flatMap((entry) => {
    const origin = entry.trim() ? originOf(entry) : null;
    return origin ? [origin] : [];
  });
}

/** This machine's names, as a browser or curl on it writes them (`[::1]` is how URL spells the IPv6 one). */
const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * In local development, the origin the request came in on when it is this machine's: the dev
 * server answers on whatever `--port` and host the developer chose (`localhost` or `127.0.0.1`),
 * which BETTER_AUTH_URL cannot know. Only that one origin, so another local page (another port)
 * is still foreign; and never a public host, even if the variable were set by mistake.
 */
function localDevOrigin(config: OriginConfig, requestUrl: string | undefined): string | null {
  if (config.TRUST_LOCALHOST_ORIGINS !== "true" || requestUrl === undefined) return null;
  const origin = originOf(requestUrl);
  return origin && LOCAL_HOSTNAMES.has(new URL(origin).hostname) ? origin : null;
}

/**
 * The origins whose pages may change things with a session cookie: the service's own, the SPAs',
 * and in local development the one the request came in on. better-auth's routes and the API's
 * own cookie routes both ask here, so the two never disagree.
 */
export function trustedOrigins(config: OriginConfig, requestUrl?: string): string[] {
  const own = originOf(config.BETTER_AUTH_URL);
  const local = localDevOrigin(config, requestUrl);
  return [...(own ? [own] : []), ...(local ? [local] : []), ...corsOrigins(config)];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie rides along whatever page sent the request, so a state change (POST, PUT, PATCH,
 * DELETE, body or not) made with one must come from a page of a trusted origin, as better-auth
 * requires of its own routes: the browser's `Origin` says which page it was, and a page cannot
 * forge it. A request without one (not a browser's) is refused too.
 */
export function assertTrustedOrigin(
  method: string,
  origin: string | undefined,
  config: OriginConfig,
  requestUrl: string,
): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  if (!origin || origin === "null") {
    throw new ApiError("forbidden", "a change made with a session cookie must carry the page's Origin");
  }
  if (!trustedOrigins(config, requestUrl).includes(origin)) {
    throw new ApiError("forbidden", "this Origin may not change anything with a session cookie");
  }
}
