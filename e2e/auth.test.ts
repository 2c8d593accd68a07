// Accounts in the browser: sign up (keyboard only), create an organization, sign out, sign in.
// Each test drives its own flow in the UI; the account it starts from is made through the API.
import { describe, expect } from "vitest";
import { isFocused, it, PASSWORD, signUp, signUpWithOrganization, snap, tabTo, uniqueEmail, visible } from "./helpers";

describe("signing up, out and in", () => {
  const organization = "Analytical Engines";

  it("a visitor is sent to sign in, and from there to create an account", async ({ page }) => {
    await page.goto("/");
    await visible(page.getByRole("button", { name: "Sign in", exact: true }));
    await visible(page.getByLabel("Email", { exact: true }));
    await visible(page.getByLabel("Password", { exact: true }));
    await snap(page, "sign-in");
    await page.getByRole("link", { name: "Create an account", exact: true }).click();
    await visible(page.getByRole("button", { name: "Create account", exact: true }));
    await visible(page.getByRole("link", { name: "Sign in", exact: true }));
    await snap(page, "sign-up");
  });

  it("signs up with the keyboard only (Tab to the link and between fields, Enter to follow and submit)", async ({
    page,
  }) => {
    await page.goto("/");
    const createAccount = await visible(page.getByRole("link", { name: "Create an account", exact: true }));
    await tabTo(page, createAccount);
    await page.keyboard.press("Enter");
    const name = await visible(page.getByLabel("Name", { exact: true }));
    await tabTo(page, name);
    await page.keyboard.type("Ada Lovelace");
    await page.keyboard.press("Tab");
    expect(await isFocused(page.getByLabel("Email", { exact: true })), "Tab from Name reaches Email").toBe(true);
    await page.keyboard.type(uniqueEmail("ada"));
    await page.keyboard.press("Tab");
    expect(await isFocused(page.getByLabel("Password", { exact: true })), "Tab from Email reaches Password").toBe(true);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    // A new account has no organization yet: the UI asks for one.
    await visible(page.getByLabel("Organization name", { exact: true }));
  });

  it("creates an organization, which the header then shows", async ({ context, page }) => {
    // Signed up, no organization yet: where the keyboard sign-up above ends.
    await signUp(context, "Ada Lovelace");
    await page.goto("/");
    const field = await visible(page.getByLabel("Organization name", { exact: true }));
    await snap(page, "organization-create");
    await field.fill(organization);
    await page.getByRole("button", { name: "Create organization", exact: true }).click();
    const nav = page.getByRole("navigation");
    for (const link of ["Dashboard", "Contacts", "API keys"])
      await visible(nav.getByRole("link", { name: link, exact: true }));
    await visible(page.getByRole("button", { name: "Sign out", exact: true }));
    const select = await visible(page.getByRole("combobox", { name: "Organization", exact: true }));
    expect(await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim())).toBe(
      organization,
    );
    await snap(page, "dashboard-empty");
  });

  it("signs out, then back in with the same account", async ({ context, page }) => {
    const { email, password } = await signUpWithOrganization(context, "Ada Lovelace", organization);
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await visible(page.getByRole("button", { name: "Sign in", exact: true }));
    // Signed out for the server too: the API no longer knows the browser.
    expect((await page.request.get("/api/contacts")).status()).toBe(401);
    await page.reload();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await visible(page.getByRole("button", { name: "Sign out", exact: true }));
    await visible(page.getByRole("navigation").getByRole("link", { name: "Dashboard", exact: true }));
    const select = page.getByRole("combobox", { name: "Organization", exact: true });
    expect(await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim())).toBe(
      organization,
    );
    expect((await page.request.get("/api/contacts")).status()).toBe(200);
  });
});
