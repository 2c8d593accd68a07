import { createMiddleware } from "hono/factory";

/**
 * The security headers of everything the service answers, in one file, two ways out: the Worker's
 * answers (the API, the webhooks, /healthz) get them from the `securityHeaders` middleware; the
 * static assets (the SPA, /api/docs), which never pass through the Worker, from the `_headers`
 * file that vite.config.ts writes into dist/client with `staticAssetHeadersFile()`.
 */

/** A policy as directives: joined into the header's value by `policy()`. */
type Directives = Record<string, string>;
const policy = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");

/**
 * The SPA's policy: scripts, styles, fonts and requests from this origin only, so that nothing
 * another origin serves (a compromised CDN, an injected tag) runs with a signed-in user's rights;
 * no inline script, no eval; and no page of the service may be framed (clickjacking).
 */
const pageDirectives: Directives = {
  "default-src": "'self'",
  "script-src": "'self'",
  "style-src": "'self'",
  // The favicon is a data: URL (src/ui/index.html).
  "img-src": "'self' data:",
  "font-src": "'self'",
  "connect-src": "'self'",
  "object-src": "'none'",
  "base-uri": "'none'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};
export const SPA_CSP = policy(pageDirectives);

/**
 * /api/docs (Scalar, src/ui/api/docs.html): the SPA's policy, but for inline styles. Scalar writes
 * <style> elements and style="" attributes at run time (its theme, rendered descriptions), which
 * no hash can cover (the text changes with the document) and no nonce either (a static page has no
 * per-response nonce). Styles cannot run code; scripts stay as strict as the SPA's.
 */
export const API_DOCS_CSP = policy({ ...pageDirectives, "style-src": "'self' 'unsafe-inline'" });

/** JSON, TwiML and the like are never rendered as a page: nothing may load from them, nobody frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Another site learns nothing from a link followed away from the service (the browsers' default
 * tells it our origin). "same-origin" rather than "no-referrer": a form posted to the service
 * itself keeps its Origin (under no-referrer it would be `null`, which the Origin checks refuse).
 */
export const REFERRER_POLICY = "same-origin";

/** A year. Not includeSubDomains: the operator's other hosts are not this service's to decide. */
export const HSTS = "max-age=31536000";

/** Headers every answer carries, the Worker's and the static assets' alike. */
const COMMON_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": REFERRER_POLICY,
};

/**
 * The Worker's answers: the common headers, the API's CSP, `Cache-Control: no-store` (every
 * answer is one caller's data or live state, never for a shared cache), and HSTS when the request
 * came over https (a browser ignores it over http anyway; a local http answer needs none).
 * Set after the route ran, so error envelopes and 404s carry them too.
 */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const headers = c.res.headers;
  for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
  headers.set("Content-Security-Policy", API_CSP);
  headers.set("Cache-Control", "no-store");
  if (new URL(c.req.url).protocol === "https:") headers.set("Strict-Transport-Security", HSTS);
});

/**
 * The `_headers` file of the static assets. Workers Static Assets applies every rule whose path
 * matches, in order, to the assets it serves (the SPA's index.html fallback included); the
 * /api/docs rule drops the SPA's policy before setting its own (two policies would both apply).
 * A rule cannot tell https from http, so HSTS is always there: browsers ignore it over http
 * (RFC 6797, 8.1).
 */
export function staticAssetHeadersFile() {
  const rule = (path: string, lines: string[]) => [path, ...lines.map((line) => `  ${line}`)].join("\n");
  const header = ([name, value]: [string, string]) => `${name}: ${value}`;
  return [
    "# Written by vite.config.ts from src/lib/security-headers.ts: edit that file, not this one.",
    rule("/*", [
      ...Object.entries(COMMON_HEADERS).map(header),
      header(["Strict-Transport-Security", HSTS]),
      header(["Content-Security-Policy", SPA_CSP]),
    ]),
    rule("/api/docs", ["! Content-Security-Policy", header(["Content-Security-Policy", API_DOCS_CSP])]),
    "",
  ].join("\n");
}
