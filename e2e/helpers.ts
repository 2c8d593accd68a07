// What the browser tests share: `it` with a fresh browser context and page for every test, API
// calls with the context's session, screenshots at desktop and phone widths, and waits
// (playwright-core has no `expect`).
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { it as base, expect, inject } from "vitest";

export const baseUrl = inject("baseUrl");
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };
const SCREENSHOTS = "test-output/screenshots";

/**
 * better-auth rate-limits sign-up and sign-in per client IP (cf-connecting-ip, which Cloudflare
 * sets; without it every local request shares one count): each context gets an address of its
 * own, as separate people would have.
 */
const clientIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 254) + 1).join(".")}`;

/** A browser context with no cookies, at desktop size, with a client IP of its own. */
async function newContext(browser: Browser) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: DESKTOP,
    extraHTTPHeaders: { "cf-connecting-ip": clientIp() },
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * vitest's `it`, whose tests may ask for:
 * - `context`: a browser context of the test's own (no cookies, desktop size, its own client IP),
 *   closed after the test. Its `request` shares its cookies: sign up through the API with it
 *   before opening pages, and the pages are signed in.
 * - `page`: a page in that context. A test that fails leaves a screenshot of the page as it was
 *   (test-output/screenshots/failed-*.png) and logs its address and text.
 * The file's tests share one connection to the browser (global-setup.ts starts it), nothing else.
 */
export const it = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern: none.
  .extend("browser", { scope: "file" }, async ({}, { onCleanup }) => {
    const browser = await chromium.connect(inject("wsEndpoint"));
    onCleanup(() => browser.close());
    return browser;
  })
  .extend("context", async ({ browser }, { onCleanup }) => {
    const context = await newContext(browser);
    onCleanup(() => context.close());
    return context;
  })
  .extend("page", async ({ context, task }, { onCleanup }) => {
    const page = await context.newPage();
    // Cleanups run after the test's outcome is known, this one before the context's.
    onCleanup(async () => {
      if (task.result?.state === "fail") await reportFailure(page, task.name);
    });
    return page;
  });

async function reportFailure(page: Page, test: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const name = test.replace(/[^\w]+/g, "-").slice(0, 80);
  await page.screenshot({ path: `${SCREENSHOTS}/failed-${name}.png`, fullPage: true }).catch(() => {});
  // CI keeps the log, not the screenshot: say there where the page was and what it showed.
  const shown = await page
    .locator("body")
    .innerText()
    .catch((e: Error) => `(no text: ${e.message})`);
  console.error(`[e2e] "${test}" failed on ${page.url()}, which showed:\n${shown.replace(/\s+/g, " ").slice(0, 600)}`);
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/**
 * A call to the API with the context's cookies (and an Origin, as the browser would send) that
 * must succeed: it throws unless the answer is 2xx, and returns the JSON body (undefined for 204).
 * For setup; a test that checks an answer's status reads it from `context.request` itself.
 */
export async function apiOk<T = any>(
  context: BrowserContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await context.request.fetch(baseUrl + path, { method, data: body, headers: { origin: baseUrl } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.status() === 204 ? (undefined as T) : res.json();
}

export const PASSWORD = "correct horse battery staple";

/**
 * A new user, signed in in `context` through the API, with no organization yet (where a sign-up in
 * the UI leaves one). Throws if the sign-up is refused.
 */
export async function signUp(context: BrowserContext, name = "E2E Person") {
  const email = uniqueEmail("user");
  await apiOk(context, "POST", "/api/auth/sign-up/email", { email, password: PASSWORD, name });
  return { email, password: PASSWORD };
}

/**
 * A new user with a new organization (its only one, and the session's active one), signed in in
 * `context` through the API. Throws if a step is refused.
 */
export async function signUpWithOrganization(context: BrowserContext, name = "E2E Person", organization = "E2E Org") {
  const account = await signUp(context, name);
  const slug = `org-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const org = await apiOk<{ id: string }>(context, "POST", "/api/auth/organization/create", {
    name: organization,
    slug,
  });
  return { ...account, organizationId: org.id };
}

export type Account = Awaited<ReturnType<typeof signUpWithOrganization>>;

/**
 * `it` whose tests may also ask for `account`: a user with an organization, made once for the file
 * through the API, and filled once by `seed` (called in the user's session). A test signs in to it
 * with `signIn`, a session of its own in its own context, but shares the organization's data with
 * the file's other tests: for tests that only read it.
 */
export function itWithFileAccount(seed: (context: BrowserContext) => Promise<unknown>) {
  return it.extend("account", { scope: "file" }, async ({ browser }) => {
    const context = await newContext(browser);
    try {
      const account = await signUpWithOrganization(context);
      await seed(context);
      return account;
    } finally {
      await context.close();
    }
  });
}

/** Signs `context` in to `account` through the API, its organization active. Throws if either step is refused. */
export async function signIn(context: BrowserContext, { email, password, organizationId }: Account) {
  await apiOk(context, "POST", "/api/auth/sign-in/email", { email, password });
  await apiOk(context, "POST", "/api/auth/organization/set-active", { organizationId });
}

/**
 * signUpWithOrganization, then an API key of the organization's, through the API: the key. Throws if a
 * step is refused.
 */
export async function signUpWithApiKey(context: BrowserContext, name = "telephony") {
  await signUpWithOrganization(context);
  return (await apiOk<{ key: string }>(context, "POST", "/api/api-keys", { name })).key;
}

/** A contact made through the API with the context's session (throws if refused): its id. */
export async function createContact(context: BrowserContext, contact: object) {
  return (await apiOk<{ id: string }>(context, "POST", "/api/contacts", contact)).id;
}

// The people of the contact tests, as the API takes them.
/** Ada's phones, as E.164: the first typed as (415) 555-2671, the second as +44 20 7183 8750. */
export const ADA_PHONES = ["+14155552671", "+442071838750"] as const;
/** Ada Lovelace as the new-contact form in contacts.test.ts creates her. */
export const ADA = {
  first_name: "Ada",
  last_name: "Lovelace",
  phones: [{ phone_number: ADA_PHONES[0] }],
  emails: [{ email: "ada@example.com" }],
};
/** Grace Hopper: someone for a search for Ada to leave out. */
export const GRACE = {
  first_name: "Grace",
  last_name: "Hopper",
  phones: [{ phone_number: "+1 555 765 4321" }],
  emails: [{ email: "grace@example.com" }],
};

/** A machine caller: plain fetch with an API key, no cookies; the response whatever its status. */
export async function withKey(key: string, method: string, path: string, body?: unknown) {
  return fetch(baseUrl + path, {
    method,
    headers: { "content-type": "application/json", "x-api-key": key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Waits for the locator to be visible; the timeout error names the locator. */
export async function visible(locator: Locator, timeout?: number) {
  await locator.waitFor({ state: "visible", timeout });
  return locator;
}

export async function hidden(locator: Locator, timeout?: number) {
  await locator.waitFor({ state: "hidden", timeout });
}

/** The closest list item or row holding `inner` (the innermost one). */
export function itemOf(page: Page, inner: Locator) {
  return page.locator("li, tr, [role=listitem], [role=row]").filter({ has: inner }).last();
}

/** The text of the element and of the list item or row it sits in. */
export async function rowText(locator: Locator) {
  return locator.evaluate((el) => (el.closest("li, tr, [role=listitem], [role=row]") ?? el).textContent ?? "");
}

/** The number shown next to a label ("Total contacts" 3): a sibling, or the rest of the parent's text. */
export async function numberNextTo(page: Page, label: string) {
  const text = await visible(page.getByText(label, { exact: true }).first());
  return text.evaluate((el, label) => {
    const numeric = (s: string | null | undefined) =>
      s && /^\s*\d[\d,\s]*\s*$/.test(s) ? Number(s.replace(/[,\s]/g, "")) : null;
    for (const sibling of [el.nextElementSibling, el.previousElementSibling]) {
      const n = numeric(sibling?.textContent);
      if (n !== null) return n;
    }
    for (let parent = el.parentElement, depth = 0; parent && depth < 3; parent = parent.parentElement, depth++) {
      const n = numeric(parent.textContent?.replace(label, ""));
      if (n !== null) return n;
    }
    return null;
  }, label);
}

/** The element with `id`s named by the field's aria-describedby, as role="alert" texts. */
export async function describedAlerts(field: Locator) {
  return field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter((d) => d?.getAttribute("role") === "alert" || d?.closest("[role=alert]"))
      .map((d) => d!.textContent ?? ""),
  );
}

/** Waits until `field` is described by a role="alert" element containing `message`. */
export async function expectFieldError(field: Locator, message: string) {
  await expect
    .poll(() => describedAlerts(field), {
      timeout: 10_000,
      message: `a role="alert" tied to the field by aria-describedby, containing "${message}"`,
    })
    .toEqual(expect.arrayContaining([expect.stringContaining(message)]));
}

/** Is `locator` the focused element? */
export const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab until `target` has focus; throws if `max` presses do not get it there. */
export async function tabTo(page: Page, target: Locator, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  if (!(await isFocused(target))) throw new Error(`Tab never reached ${target}`);
}

/** Horizontal overflow of the page: scrollWidth of the scrolling element. */
export const scrollWidth = (page: Page) =>
  page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);

/**
 * Screenshots of the current view at desktop and phone widths (test-output/screenshots/NAME-*.png);
 * at phone width the page must not scroll sideways (checked softly: the test goes on).
 */
export async function snap(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  expect
    .soft(await scrollWidth(page), `${name}: document.scrollingElement.scrollWidth at 375 px`)
    .toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
  await settle(page);
}

/** Two animation frames: layout after a resize or a render has been painted. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** axe-core's browser build, injected into pages by expectNoSeriousA11yViolations. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A rule axe found broken, as the failure message shows it. */
interface A11yViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2 A/AA and best practices) on the page as it is now and fails on any serious
 * or critical violation, listing each rule with the elements that break it. The script goes in
 * through `evaluate` (the DevTools protocol), which the SPA's CSP (no inline scripts) does not block.
 */
export async function expectNoSeriousA11yViolations(page: Page, what = page.url()) {
  await page.evaluate(AXE_SOURCE);
  const violations: A11yViolation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  expect(violations, `serious or critical accessibility violations on ${what}`).toEqual([]);
}
