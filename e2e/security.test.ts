// The static pages' security headers in a real browser, as wrangler serves them (dist/client's
// _headers, written from src/lib/security-headers.ts): the SPA and /api/docs load under their CSP
// without a violation, reach no other origin (so they work offline), refuse injected scripts and
// refuse to be framed. The Worker's answers are checked in workerd (test/app/security-headers.test.ts).
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { ADA, baseUrl, createContact, it, signUpWithOrganization, visible } from "./helpers";

/** What a page did that the service forbids: CSP violations, and requests to other origins. */
interface Watched {
  violations: string[];
  foreignRequests: string[];
}

/**
 * Records the context's CSP violations (from the pages' `securitypolicyviolation` events, across
 * navigations) and its requests to any other origin, which are aborted: as if offline, since the
 * pages must not need anything but the service.
 */
async function watch(context: BrowserContext): Promise<Watched> {
  const watched: Watched = { violations: [], foreignRequests: [] };
  await context.exposeFunction("reportCspViolation", (violation: string) => watched.violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation;
      report(
        `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === baseUrl || url.startsWith("data:")) return route.continue();
    watched.foreignRequests.push(url);
    return route.abort("internetdisconnected");
  });
  return watched;
}

/** Opens `path` and waits until the page stopped loading; answers the document's response. */
async function open(page: Page, path: string) {
  const res = await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(res?.status(), path).toBe(200);
  return res!;
}

/** The policy's directives by name: `script-src` → "'self'". */
function directives(csp: string | undefined) {
  return Object.fromEntries(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values.join(" ")]),
  );
}

/** The headers every static page must carry, and a CSP that allows no script but the service's files. */
function expectPageHeaders(headers: Record<string, string>, path: string) {
  const csp = directives(headers["content-security-policy"]);
  expect(csp["script-src"], `${path}: script-src`).toBe("'self'");
  expect(csp["default-src"], `${path}: default-src`).toBe("'self'");
  expect(csp["connect-src"], `${path}: connect-src`).toBe("'self'");
  expect(csp["object-src"], `${path}: object-src`).toBe("'none'");
  expect(csp["base-uri"], `${path}: base-uri`).toBe("'none'");
  expect(csp["frame-ancestors"], `${path}: frame-ancestors`).toBe("'none'");
  expect(headers["x-content-type-options"], `${path}: x-content-type-options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${path}: referrer-policy`).toBe("same-origin");
  expect(headers["strict-transport-security"], `${path}: strict-transport-security`).toMatch(/^max-age=\d{7,}/);
  return csp;
}

describe("the SPA under its security headers", () => {
  it("the sign-in page loads with a strict CSP, no violation and no request to another origin", async ({
    context,
    page,
  }) => {
    const watched = await watch(context);
    const res = await open(page, "/signin");
    const csp = expectPageHeaders(await res.allHeaders(), "/signin");
    // The SPA needs no inline style either (React sets styles through the DOM, which CSP allows).
    expect(csp["style-src"]).toBe("'self'");
    await visible(page.getByRole("button", { name: "Sign in" }));
    expect(watched).toEqual({ violations: [], foreignRequests: [] });
  });

  it("signed in, its screens load with no CSP violation and no request to another origin", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    const contactId = await createContact(context, ADA);
    const watched = await watch(context);
    for (const path of ["/", "/contacts", "/contacts/new", `/contacts/${contactId}`, "/api-keys", "/integrations"]) {
      const res = await open(page, path);
      expectPageHeaders(await res.allHeaders(), path);
      await visible(page.getByRole("navigation").first());
    }
    expect(watched).toEqual({ violations: [], foreignRequests: [] });
  });

  it("an injected inline script, or a script from another origin, does not run", async ({ context, page }) => {
    const watched = await watch(context);
    await open(page, "/signin");
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const inline = document.createElement("script");
      inline.textContent = "window.injected = true";
      document.body.append(inline);
      const remote = document.createElement("script");
      remote.src = "https://cdn.jsdelivr.net/npm/@scalar/api-reference";
      const settled = new Promise((resolve) => {
        remote.onload = remote.onerror = resolve;
      });
      document.body.append(remote);
      await settled;
      return { inline: w.injected === true, remote: "Scalar" in window };
    });
    expect(ran).toEqual({ inline: false, remote: false });
    expect(watched.violations).toEqual([
      expect.stringContaining("script-src-elem blocked inline"),
      expect.stringContaining("script-src-elem blocked https://cdn.jsdelivr.net/"),
    ]);
    // Refused by the CSP before any request left the browser.
    expect(watched.foreignRequests).toEqual([]);
  });
});

describe("/api/docs", () => {
  it("is served with the security headers, and a CSP that allows no script but the service's", async ({ page }) => {
    const res = await open(page, "/api/docs");
    const csp = expectPageHeaders(await res.allHeaders(), "/api/docs");
    // The one allowance Scalar needs (src/lib/security-headers.ts says why): inline styles, no script.
    expect(csp["style-src"]).toBe("'self' 'unsafe-inline'");
  });

  it("renders the API's operations offline, asking no other origin, with no CSP violation", async ({
    context,
    page,
  }) => {
    const watched = await watch(context);
    const doc = await (await context.request.get(`${baseUrl}/api/openapi.json`)).json();
    await open(page, "/api/docs");

    // Scalar renders the whole document on first load: on a loaded 2-core CI machine that passed
    // the 10 s default once (2026-12-02, the full suite), while it takes a few seconds alone.
    await visible(page.getByText(doc.info.title).first(), 30_000);
    const operations = Object.values(doc.paths).flatMap((path) => Object.values(path as object)) as {
      summary: string;
      tags: string[];
    }[];
    const tags = [...new Set(operations.flatMap((o) => o.tags))];
    expect(tags.length).toBeGreaterThan(3);
    for (const tag of tags) await visible(page.getByText(tag, { exact: true }).first());
    // The first group opens by itself: its operations are listed with their summaries.
    const opened = operations.filter((o) => o.tags[0] === tags[0]);
    expect(opened.length).toBeGreaterThan(0);
    for (const { summary } of opened) await visible(page.getByText(summary, { exact: true }).first());

    expect(watched).toEqual({ violations: [], foreignRequests: [] });
  });
});

describe("framing", () => {
  it("no page of the service and no API answer can be shown in a frame", async ({ page }) => {
    const paths = ["/signin", "/api/docs", "/healthz"];
    await page.setContent(paths.map((path) => `<iframe src="${baseUrl}${path}"></iframe>`).join(""));
    await expect
      .poll(
        () =>
          page
            .frames()
            .slice(1)
            .map((frame) => frame.url()),
        {
          message: "each frame ends on Chrome's error page (refused by frame-ancestors 'none')",
          timeout: 10_000,
        },
      )
      .toEqual(paths.map(() => "chrome-error://chromewebdata/"));
  });
});
