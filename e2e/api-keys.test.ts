// API keys in the browser, for the ring path: one made on the API keys page and shown once, with
// its scope and who made it; a calls-only key that rings and reads nothing; one revoked there,
// which stops working at once.
import { describe, expect } from "vitest";
import { hidden, it, rowText, signUpWithApiKey, signUpWithOrganization, snap, visible, withKey } from "./helpers";

describe("calls and API keys", () => {
  it("creates an API key on the API keys page, shown once", async ({ context, page }) => {
    const account = await signUpWithOrganization(context, "Key Maker");
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "API keys", exact: true }).click();
    await page.getByLabel("Key name", { exact: true }).fill("telephony");
    // Full access unless chosen otherwise, as the API's default.
    expect(await page.getByRole("radio", { name: /^Full access/ }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Create key", exact: true }).click();
    const shown = await visible(page.getByLabel("New API key", { exact: true }));
    const key = (
      await shown.evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? "")))
    ).trim();
    expect(key).toMatch(/^cik_\S+$/);
    await visible(page.getByRole("button", { name: "Copy the key", exact: true }));
    const revoke = await visible(page.getByRole("button", { name: "Revoke telephony", exact: true }));
    const listed = await rowText(revoke);
    expect(listed).toContain("Full access");
    expect(listed).toContain(`by Key Maker (${account.email})`);
    await snap(page, "api-keys-new");
    // Shown once: after a reload the key is listed, its secret is not.
    await page.reload();
    await visible(page.getByRole("button", { name: "Revoke telephony", exact: true }));
    expect(await page.getByLabel("New API key", { exact: true }).count()).toBe(0);
    expect(await page.locator("body").innerText()).not.toContain(key);
    await snap(page, "api-keys");
  });

  it("creates a calls-only key: it rings, and reads no contact", async ({ context, page }) => {
    await signUpWithOrganization(context, "Key Maker");
    await page.goto("/api-keys");
    await page.getByLabel("Key name", { exact: true }).fill("provider");
    const calls = page.getByRole("radio", { name: /^Calls only/ });
    // The choice says what the scope allows, where it is made.
    expect(await calls.evaluate((el) => el.closest("label")?.textContent ?? "")).toContain("telephony provider");
    await calls.check();
    await page.getByRole("button", { name: "Create key", exact: true }).click();
    const shown = await visible(page.getByLabel("New API key", { exact: true }));
    const key = ((await shown.textContent()) ?? "").trim();
    expect(await rowText(page.getByRole("button", { name: "Revoke provider", exact: true }))).toContain("Calls only");
    // The form is back to its default for the next key.
    expect(await page.getByRole("radio", { name: /^Full access/ }).isChecked()).toBe(true);
    await snap(page, "api-keys-calls-scope");

    expect((await withKey(key, "POST", "/api/calls/inbound", { from: "anonymous" })).status).toBe(201);
    const refused = await withKey(key, "GET", "/api/contacts");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
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
