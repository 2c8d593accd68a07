// Every view of the daily UI, checked by axe at desktop and phone widths in the light and the dark
// colour scheme (which follows the system's setting): no serious or critical violation.
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  ADA,
  createContact,
  DESKTOP,
  expectNoSeriousA11yViolations,
  it,
  PHONE,
  signUp,
  signUpWithOrganization,
  visible,
} from "./helpers";

/** The page's background, which the root element carries. */
const backgroundOf = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe("colour scheme", () => {
  it("follows the system's setting: dark when it is dark, light otherwise; nothing pins light", async ({ page }) => {
    await page.goto("/signin");
    await visible(page.getByRole("button", { name: "Sign in", exact: true }));
    expect(await page.locator('meta[name="color-scheme"]').getAttribute("content")).toBe("light dark");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await backgroundOf(page)).toBe("rgb(245, 246, 248)");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await backgroundOf(page)).toBe("rgb(15, 18, 24)");
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("light dark");
  });
});

describe.each([
  { width: "1280 px", viewport: DESKTOP, scheme: "light" as const },
  { width: "1280 px", viewport: DESKTOP, scheme: "dark" as const },
  { width: "375 px", viewport: PHONE, scheme: "light" as const },
  { width: "375 px", viewport: PHONE, scheme: "dark" as const },
])("accessibility at $width in the $scheme scheme", ({ viewport, scheme }) => {
  async function open(page: Page, path: string, ready: (page: Page) => Promise<unknown>) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    await ready(page);
  }

  it("sign-in and sign-up", async ({ page }) => {
    await open(page, "/signin", (p) => visible(p.getByRole("button", { name: "Sign in", exact: true })));
    await expectNoSeriousA11yViolations(page, "sign-in");
    await open(page, "/signup", (p) => visible(p.getByRole("button", { name: "Create account", exact: true })));
    await expectNoSeriousA11yViolations(page, "sign-up");
  });

  it("create an organization", async ({ context, page }) => {
    await signUp(context);
    await open(page, "/orgs/new", (p) => visible(p.getByLabel("Organization name", { exact: true })));
    await expectNoSeriousA11yViolations(page, "create organization");
  });

  it("dashboard, contacts, a contact with its delete dialog and a toast, API keys, integrations", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    const id = await createContact(context, { ...ADA, phones: [...ADA.phones, { phone_number: "+442071838750" }] });
    await open(page, "/", (p) => visible(p.getByRole("heading", { name: "Newest contacts" })));
    await expectNoSeriousA11yViolations(page, "dashboard");
    await open(page, "/contacts", (p) => visible(p.getByRole("link", { name: /^Ada Lovelace/ })));
    await expectNoSeriousA11yViolations(page, "contacts");
    await open(page, `/contacts/${id}`, (p) => visible(p.getByRole("heading", { name: "Phones", exact: true })));
    await expectNoSeriousA11yViolations(page, "contact");
    await page.getByRole("button", { name: "Delete +442071838750", exact: true }).click();
    await visible(page.getByRole("dialog"));
    await expectNoSeriousA11yViolations(page, "contact, delete-entry dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await visible(page.getByRole("button", { name: "Undo", exact: true }));
    await expectNoSeriousA11yViolations(page, "contact, toast with Undo");
    // For a person to look at: the scheme's colours, the entry cards and the toast.
    await page.screenshot({ path: `test-output/screenshots/daily-ui-contact-${scheme}-${viewport.width}.png` });
    await open(page, "/api-keys", (p) => visible(p.getByRole("link", { name: "API documentation", exact: true })));
    await expectNoSeriousA11yViolations(page, "API keys");
    await open(page, "/integrations", (p) => visible(p.getByRole("heading", { name: "Connected" })));
    await expectNoSeriousA11yViolations(page, "integrations");
  });
});
