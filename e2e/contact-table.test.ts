// The contact list as a table, at desktop and phone widths: column headers, the total of what the
// filter matches, unknown callers or named contacts only, A to Z by name, all in the URL; the
// dashboard's figures leading to their lists; at 375 px the table scrolls inside its own box, the
// names staying in view, while the page does not. Every view passes axe.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  type Account,
  ADA,
  createContact,
  DESKTOP,
  expectNoSeriousA11yViolations,
  GRACE,
  it as itFresh,
  itWithFileAccount,
  PHONE,
  scrollWidth,
  signIn,
  signUpWithOrganization,
  snap,
  visible,
} from "./helpers";

// Oldest first: Grace, Ada, a stub, Bob, another stub. The tests only read them.
const it = itWithFileAccount(async (context) => {
  await createContact(context, GRACE);
  await createContact(context, ADA);
  await createContact(context, { phones: [{ phone_number: "+1 650 555 0123" }] });
  await createContact(context, { first_name: "bob", last_name: "Builder", emails: [{ email: "bob@example.com" }] });
  await createContact(context, { phones: [{ phone_number: "+1 650 555 0124" }] });
});

const STUB_NEWER = /^Unknown caller \(650\) 555-0124/;
const STUB_OLDER = /^Unknown caller \(650\) 555-0123/;
const NEWEST = [STUB_NEWER, /^bob Builder/, STUB_OLDER, /^Ada Lovelace/, /^Grace Hopper/];
const KNOWN_NEWEST = [/^bob Builder/, /^Ada Lovelace/, /^Grace Hopper/];
const BY_NAME = [/^Ada Lovelace/, /^bob Builder/, /^Grace Hopper/, STUB_NEWER, STUB_OLDER];

/** expect.poll with room for a loaded machine (its default gives up after a second). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

const table = (page: Page) => page.getByRole("table");
/** Each body row's text, spaces squeezed: name, phone, email, date. */
const rowTexts = async (page: Page) =>
  (await table(page).locator("tbody tr").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
const rowsMatch = (page: Page, expected: RegExp[]) =>
  poll(async () => {
    const rows = await rowTexts(page);
    return rows.length === expected.length && rows.every((row, i) => expected[i]!.test(row));
  }).toBe(true);
const status = (page: Page, text: string) => visible(page.getByRole("status").filter({ hasText: text }));
const show = (page: Page) => page.getByLabel("Show", { exact: true });
const sort = (page: Page) => page.getByLabel("Sort", { exact: true });
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Signs in to the file's organization, the page at `viewport`'s size. */
async function signInAt(context: BrowserContext, page: Page, account: Account, viewport: typeof DESKTOP) {
  await signIn(context, account);
  await page.setViewportSize(viewport);
}

async function openContacts(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts", exact: true }).click();
  await visible(table(page));
}

describe.each([
  ["1280 px", DESKTOP],
  ["375 px", PHONE],
] as const)("at %s", (_width, viewport) => {
  it("is a table with headers, the total, and each contact's preferred phone as people write it", async ({
    context,
    page,
    account,
  }) => {
    await signInAt(context, page, account, viewport);
    await openContacts(page);
    expect((await table(page).getByRole("columnheader").allInnerTexts()).map((h) => h.toLowerCase())).toEqual([
      "name",
      "phone",
      "email",
      "added",
    ]);
    await status(page, "5 contacts, newest first");
    await rowsMatch(page, NEWEST);
    // Polled: the numbers switch to national format once the organization's country is known.
    await poll(async () => (await rowTexts(page))[3]).toMatch(/^Ada Lovelace \(415\) 555-2671 ada@example\.com /);
    expect(await table(page).getByRole("columnheader", { name: "Added" }).getAttribute("aria-sort")).toBe("descending");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousA11yViolations(page, `the contact table at ${viewport.width} px`);
    // For a person to look at: the table at both widths (test-output/screenshots/contact-table-*.png).
    if (viewport === DESKTOP) await snap(page, "contact-table");
  });

  it("shows unknown callers only, or named contacts only, with their totals; the filter lives in the URL", async ({
    context,
    page,
    account,
  }) => {
    await signInAt(context, page, account, viewport);
    await openContacts(page);
    await show(page).selectOption({ label: "Unknown callers" });
    await status(page, "2 unknown callers, newest first");
    await rowsMatch(page, [STUB_NEWER, STUB_OLDER]);
    expect(param(page, "kind")).toBe("stub");
    // Stubs have no name to sort by: the order says so instead of offering it.
    expect(await sort(page).isDisabled()).toBe(true);
    await visible(page.getByText("Unknown callers have no name. They are listed newest first."));
    await expectNoSeriousA11yViolations(page, `the unknown callers at ${viewport.width} px`);

    await show(page).selectOption({ label: "Known contacts" });
    await status(page, "3 known contacts, newest first");
    await rowsMatch(page, KNOWN_NEWEST);
    await page.reload();
    await status(page, "3 known contacts, newest first");
    expect(await show(page).inputValue()).toBe("known");
  });

  it("sorts A to Z by name, unknown callers last; a search lists newest first and says so", async ({
    context,
    page,
    account,
  }) => {
    await signInAt(context, page, account, viewport);
    await openContacts(page);
    await sort(page).selectOption({ label: "Name, A to Z" });
    await status(page, "5 contacts, A to Z by name, unknown callers last");
    await rowsMatch(page, BY_NAME);
    expect(param(page, "sort")).toBe("name");
    expect(await table(page).getByRole("columnheader", { name: "Name" }).getAttribute("aria-sort")).toBe("ascending");

    await show(page).selectOption({ label: "Known contacts" });
    await status(page, "3 known contacts, A to Z by name");
    await rowsMatch(page, BY_NAME.slice(0, 3));

    await page.getByLabel("Search contacts", { exact: true }).fill("example.com");
    await status(page, "3 known contacts matching “example.com”");
    await rowsMatch(page, KNOWN_NEWEST);
    expect(await sort(page).isDisabled()).toBe(true);
    await visible(page.getByText("Search results cannot be sorted by name. They are listed newest first."));
    await expectNoSeriousA11yViolations(page, `a search in the contact table at ${viewport.width} px`);

    // The order chosen comes back with the search cleared, and a reload keeps it all.
    await page.getByLabel("Search contacts", { exact: true }).fill("");
    await rowsMatch(page, BY_NAME.slice(0, 3));
    await page.reload();
    await status(page, "3 known contacts, A to Z by name");
    expect(await sort(page).inputValue()).toBe("name");
  });

  it("the dashboard's figures lead to their lists: unknown callers to the stubs", async ({
    context,
    page,
    account,
  }) => {
    await signInAt(context, page, account, viewport);
    await page.goto("/");
    const unknownCallers = await visible(page.getByRole("link", { name: "2 unknown callers", exact: true }));
    if (viewport === DESKTOP) await snap(page, "dashboard-figures");
    await unknownCallers.click();
    await page.waitForURL((url) => url.pathname === "/contacts" && url.searchParams.get("kind") === "stub");
    await status(page, "2 unknown callers, newest first");
    await rowsMatch(page, [STUB_NEWER, STUB_OLDER]);
    expect(await show(page).inputValue()).toBe("stub");
    if (viewport === DESKTOP) await snap(page, "contact-table-stubs");

    await page.goto("/");
    await (await visible(page.getByRole("link", { name: "5 total contacts", exact: true }))).click();
    await status(page, "5 contacts, newest first");
    expect(new URL(page.url()).search).toBe("");
  });
});

describe("at 375 px", () => {
  it("the table scrolls sideways in its own box, the names staying in view; the page does not", async ({
    context,
    page,
    account,
  }) => {
    await signInAt(context, page, account, PHONE);
    await openContacts(page);
    await rowsMatch(page, NEWEST);
    const box = page.locator(".table-scroll");
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const ada = table(page).getByRole("link", { name: "Ada Lovelace", exact: true });
    const [link, frame] = await Promise.all([ada.boundingBox(), box.boundingBox()]);
    expect(link!.x).toBeGreaterThanOrEqual(frame!.x);
    await ada.click();
    await visible(page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true }));
  });
});

describe("more contacts than a page", () => {
  itFresh("says how many there are, not how many came so far", async ({ context, page }) => {
    await signUpWithOrganization(context);
    for (let i = 0; i < 26; i++) await createContact(context, { first_name: `Person${String(i).padStart(2, "0")}` });
    await page.goto("/contacts");
    await status(page, "26 contacts, newest first");
    expect(await table(page).locator("tbody tr").count()).toBe(25);
    await page.getByRole("button", { name: "Load more", exact: true }).click();
    await poll(() => table(page).locator("tbody tr").count()).toBe(26);
    await status(page, "26 contacts, newest first");
  });
});
