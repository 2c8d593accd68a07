// Possible duplicates on a contact's page, merged through the dialog.
import { describe, expect } from "vitest";
import { createContact, hidden, it, rowText, signUpWithOrganization, snap, visible } from "./helpers";

describe("duplicates", () => {
  it("suggests a contact with the same name and merges the two", async ({ context, page }) => {
    await signUpWithOrganization(context);
    await createContact(context, {
      first_name: "Alan",
      last_name: "Turing",
      phones: [{ phone_number: "+1 212 555 0100" }],
    });
    await createContact(context, { first_name: "Alan", last_name: "Turing", emails: [{ email: "alan@example.com" }] });

    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    const rows = page.getByRole("link", { name: /^Alan Turing/ });
    await visible(rows.nth(1));
    await rows.first().click();
    await visible(page.getByRole("heading", { level: 1, name: "Alan Turing", exact: true }));
    await visible(page.getByRole("heading", { name: "Possible duplicates", exact: true }));
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    const dialog = await visible(page.getByRole("dialog"));
    await snap(page, "contact-merge-dialog");
    await dialog.getByRole("button", { name: "Merge contacts", exact: true }).click();
    await hidden(page.getByRole("dialog"));

    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(rows.first());
    expect(await rows.count()).toBe(1);
    const text = await rowText(rows.first());
    expect(text).toContain("+12125550100");
    expect(text).toContain("alan@example.com");
  });
});
