// The contact search and the URL it lives in (?q=): a row clicked the moment a search settles,
// Back to the search, the Contacts link clearing it.
import { describe, expect, it } from "vitest";
import { api, signUpWithOrganization, usePage, visible } from "./helpers";

describe("contact search", () => {
  const session = usePage();
  const ada = () => session.page.getByRole("link", { name: /^Ada Lovelace/ });
  const grace = () => session.page.getByRole("link", { name: /^Grace Hopper/ });
  const box = () => session.page.getByLabel("Search contacts", { exact: true });
  const adaHeading = () => session.page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true });

  it("opens the row clicked just as the search settles, and stays there", async () => {
    const { context, page } = session;
    await signUpWithOrganization(context);
    await api(context, "POST", "/api/contacts", { first_name: "Grace", last_name: "Hopper" });
    await api(context, "POST", "/api/contacts", { first_name: "Ada", last_name: "Lovelace" });
    await page.goto("/contacts");
    await visible(grace());
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
    await box().fill("Ada");
    await visible(adaHeading());
    // Long enough for any late write of the search to the URL to have pulled the page back.
    await page.waitForTimeout(1000);
    expect(await adaHeading().isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
  });

  it("Back returns to the search: its text, its results", async () => {
    const { page } = session;
    await page.goBack();
    await visible(page.getByText("1 contact matching “Ada”", { exact: true }));
    expect(new URL(page.url()).searchParams.get("q")).toBe("Ada");
    expect(await box().inputValue()).toBe("Ada");
    await visible(ada());
    expect(await grace().count()).toBe(0);
  });

  it("the Contacts link clears the search", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(grace());
    await visible(page.getByText("2 contacts, newest first", { exact: true }));
    expect(await box().inputValue()).toBe("");
    expect(new URL(page.url()).search).toBe("");
    await visible(ada());
  });
});
