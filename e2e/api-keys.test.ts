// API keys in the browser, for the ring path: one made on the API keys page and shown once; one
// revoked there, which stops working at once.
import { describe, expect } from "vitest";
import { hidden, it, signUpWithApiKey, signUpWithOrganization, snap, visible, withKey } from "./helpers";

describe("calls and API keys", () => {
  it("creates an API key on the API keys page, shown once", async ({ context, page }) => {
    await signUpWithOrganization(context);
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "API keys", exact: true }).click();
    await page.getByLabel("Key name", { exact: true }).fill("telephony");
    await page.getByRole("button", { name: "Create key", exact: true }).click();
    const shown = await visible(page.getByLabel("New API key", { exact: true }));
    const key = (
      await shown.evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? "")))
    ).trim();
    expect(key).toMatch(/^cik_\S+$/);
    await visible(page.getByRole("button", { name: "Copy the key", exact: true }));
    await visible(page.getByRole("button", { name: "Revoke telephony", exact: true }));
    await snap(page, "api-keys-new");
    // Shown once: after a reload the key is listed, its secret is not.
    await page.reload();
    await visible(page.getByRole("button", { name: "Revoke telephony", exact: true }));
    expect(await page.getByLabel("New API key", { exact: true }).count()).toBe(0);
    expect(await page.locator("body").innerText()).not.toContain(key);
    await snap(page, "api-keys");
  });

  it("revokes the key on the API keys page; it stops working at once", async ({ context, page }) => {
    const key = await signUpWithApiKey(context);
    expect((await withKey(key, "GET", "/api/contacts")).status).toBe(200);
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "API keys", exact: true }).click();
    await page.getByRole("button", { name: "Revoke telephony", exact: true }).click();
    const dialog = await visible(page.getByRole("dialog"));
    await snap(page, "api-keys-revoke-dialog");
    await dialog.getByRole("button", { name: "Revoke key", exact: true }).click();
    await hidden(page.getByRole("button", { name: "Revoke telephony", exact: true }));
    expect((await withKey(key, "GET", "/api/contacts")).status).toBe(401);
  });
});
