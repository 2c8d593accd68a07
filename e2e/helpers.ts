// What the browser tests share: a page in a context of its own, API calls with the page's
// session, screenshots at desktop and phone widths, and waits (playwright-core has no `expect`).
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

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

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** A browser context (no cookies, desktop size) and a page in it, for the file's tests. */
export async function openPage(): Promise<Session> {
  const browser = await chromium.connect(inject("wsEndpoint"));
  const context = await browser.newContext({ baseURL: baseUrl, viewport: DESKTOP, extraHTTPHeaders: { "cf-connecting-ip": clientIp() } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { browser, context, page };
}

/**
 * `openPage()` before the file's tests, the browser connection closed after them; a test that
 * fails leaves a screenshot of the page as it was (test-output/screenshots/failed-*.png) and
 * logs its address and text.
 */
export function usePage(): Session {
  const session = {} as Session;
  beforeAll(async () => Object.assign(session, await openPage()));
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !session.page) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const name = task.name.replace(/[^\w]+/g, "-").slice(0, 80);
    await session.page.screenshot({ path: `${SCREENSHOTS}/failed-${name}.png`, fullPage: true }).catch(() => {});
    // CI keeps the log, not the screenshot: say there where the page was and what it showed.
    const shown = await session.page.locator("body").innerText().catch((e: Error) => `(no text: ${e.message})`);
    console.error(`[e2e] "${task.name}" failed on ${session.page.url()}, which showed:\n${shown.replace(/\s+/g, " ").slice(0, 600)}`);
  });
  afterAll(async () => session.browser?.close());
  return session;
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** A call to the API with the context's cookies (and an Origin, as the browser would send). */
export async function api<T = any>(context: BrowserContext, method: string, path: string, body?: unknown): Promise<T> {
  const res = await context.request.fetch(baseUrl + path, { method, data: body, headers: { origin: baseUrl } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.status() === 204 ? (undefined as T) : res.json();
}

/** A user with an organization, signed in in `context` through the API (the UI's own sign-up is auth.test.ts's). */
export async function signUpWithOrganization(context: BrowserContext, name = "E2E Person", organization = "E2E Org") {
  const email = uniqueEmail("user");
  const password = "correct horse battery staple";
  await api(context, "POST", "/api/auth/sign-up/email", { email, password, name });
  const slug = `org-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const org = await api<{ id: string }>(context, "POST", "/api/auth/organization/create", { name: organization, slug });
  return { email, password, organizationId: org.id };
}

/** A machine caller: plain fetch with an API key, no cookies. */
export async function withKey(key: string, method: string, path: string, body?: unknown) {
  return fetch(baseUrl + path, { method, headers: { "content-type": "application/json", "x-api-key": key }, body: body === undefined ? undefined : JSON.stringify(body) });
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
    const numeric = (s: string | null | undefined) => (s && /^\s*\d[\d,\s]*\s*$/.test(s) ? Number(s.replace(/[,\s]/g, "")) : null);
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
  await expect.poll(() => describedAlerts(field), { timeout: 10_000, message: `a role="alert" tied to the field by aria-describedby, containing "${message}"` }).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
}

/** Is `locator` the focused element? */
export const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab until `target` has focus (at most `max` times). */
export async function tabTo(page: Page, target: Locator, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  if (!(await isFocused(target))) throw new Error(`Tab never reached ${target}`);
}

/** Horizontal overflow of the page: scrollWidth of the scrolling element. */
export const scrollWidth = (page: Page) => page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);

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
  expect.soft(await scrollWidth(page), `${name}: document.scrollingElement.scrollWidth at 375 px`).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
  await settle(page);
}

/** Two animation frames: layout after a resize or a render has been painted. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
