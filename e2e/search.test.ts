// The contact search and the URL it lives in (?q=): a row clicked the moment a search settles,
// Back to the search, the Contacts link clearing it.
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { createContact, itWithFileAccount, signIn, visible } from "./helpers";

// The tests only read the contacts: one organization holds them for the file.
const it = itWithFileAccount(async (context) => {
  await createContact(context, { first_name: "Grace", last_name: "Hopper" });
  await createContact(context, { first_name: "Ada", last_name: "Lovelace" });
});

const ada = (page: Page) => page.getByRole("link", { name: /^Ada Lovelace/ });
const grace = (page: Page) => page.getByRole("link", { name: /^Grace Hopper/ });
const box = (page: Page) => page.getByLabel("Search contacts", { exact: true });
const adaHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true });

/** On the contact list, types "Ada" and clicks Ada's row just as the search takes effect; waits for her page. */
async function clickAdaAsTheSearchSettles(page: Page) {
  await page.goto("/contacts");
  await visible(grace(page));
  // The click lands in the instant the typed search takes effect (the list turns busy): the
  // moment a person clicks a row already shown while their search catches up. No wait can
  // place a click there, so the page clicks from a MutationObserver.
  await page.evaluate(() => {
    const row = [...document.querySelectorAll("a")].find((a) => a.textContent?.startsWith("Ada Lovelace"));
    if (!row) throw new Error("no Ada Lovelace row");
    new MutationObserver((_, observer) => {
      if (!document.querySelector("[aria-busy=true]")) return;
      observer.disconnect();
      row.click();
    }).observe(document.body, { subtree: true, attributes: true });
  });
  await box(page).fill("Ada");
  await visible(adaHeading(page));
}

describe("contact search", () => {
  it("opens the row clicked just as the search settles, and stays there", async ({ account, context, page }) => {
    await signIn(context, account);
    await clickAdaAsTheSearchSettles(page);
    // Long enough for any late write of the search to the URL to have pulled the page back.
    await page.waitForTimeout(1000);
    expect(await adaHeading(page).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
  });

  it("Back returns to the search: its text, its results", async ({ account, context, page }) => {
    await signIn(context, account);
    await clickAdaAsTheSearchSettles(page);
    await page.goBack();
    await visible(page.getByText("1 contact matching “Ada”", { exact: true }));
    expect(new URL(page.url()).searchParams.get("q")).toBe("Ada");
    expect(await box(page).inputValue()).toBe("Ada");
    await visible(ada(page));
    expect(await grace(page).count()).toBe(0);
  });

  it("the Contacts link clears the search", async ({ account, context, page }) => {
    await signIn(context, account);
    // A search on the page and in the URL, as Back above leaves one.
    await page.goto("/contacts");
    await box(page).fill("Ada");
    await visible(page.getByText("1 contact matching “Ada”", { exact: true }));
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("Ada");
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(grace(page));
    await visible(page.getByText("2 contacts, newest first", { exact: true }));
    expect(await box(page).inputValue()).toBe("");
    expect(new URL(page.url()).search).toBe("");
    await visible(ada(page));
  });
});
