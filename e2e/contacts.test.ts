// The contact list in the browser: create (with a field error first), search by digits in any
// format, the dashboard's figures. Each test starts from an organization of its own, whose
// contacts it makes through the API.
import { describe, expect } from "vitest";
import {
  ADA,
  ADA_PHONES,
  apiOk,
  createContact,
  expectFieldError,
  GRACE,
  hidden,
  it,
  numberNextTo,
  rowText,
  signUpWithOrganization,
  snap,
  visible,
} from "./helpers";

const [first, second] = ADA_PHONES;

describe("contacts", () => {
  it("creates a contact after showing the phone error at the field", async ({ context, page }) => {
    await signUpWithOrganization(context);
    await createContact(context, GRACE);

    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(page.getByRole("link", { name: /^Grace Hopper/ }));
    await page.getByRole("link", { name: "New contact", exact: true }).click();
    await visible(page.getByRole("button", { name: "Create contact", exact: true }));
    await snap(page, "contact-new");
    await page.getByLabel("First name", { exact: true }).fill("Ada");
    await page.getByLabel("Last name", { exact: true }).fill("Lovelace");
    const phone = page.getByLabel("Phone 1", { exact: true });
    await phone.fill("12");
    await page.getByLabel("Email 1", { exact: true }).fill("Ada@Example.com");
    await page.getByRole("button", { name: "Create contact", exact: true }).click();
    await expectFieldError(phone, "This doesn't look like a phone number.");
    await snap(page, "contact-new-error");

    await phone.fill("(415) 555-2671");
    await page.getByRole("button", { name: "Create contact", exact: true }).click();
    // The form leads to the new contact (or back to the list, where its row leads to it).
    const heading = page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true });
    const row = page.getByRole("link", { name: /^Ada Lovelace/ });
    await visible(heading.or(row));
    if (!(await heading.isVisible())) await row.click();
    await visible(heading);
    // As typed, "(415) 555-2671": national format, the organization's country being the US.
    await visible(page.getByText("(415) 555-2671").first());
    await visible(page.getByText("ada@example.com").first());
  });

  it("finds the contact by digits typed in another format, with its preferred phone and email in the row", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await createContact(context, GRACE);
    // As the phone and email tests of contact-page.test.ts leave her: a second phone, preferred; the
    // first email deleted, a second one preferred.
    await createContact(context, {
      ...ADA,
      phones: [{ phone_number: first }, { phone_number: second, label: "Work", is_preferred: true }],
      emails: [{ email: "lovelace@example.org", label: "Home" }],
    });
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    const ada = page.getByRole("link", { name: /^Ada Lovelace/ });
    const grace = page.getByRole("link", { name: /^Grace Hopper/ });
    await visible(ada);
    await visible(grace);
    const text = await rowText(ada);
    // A number of another country: international format.
    expect(text).toContain("+44 20 7183 8750");
    expect(text).toContain("lovelace@example.org");
    await snap(page, "contacts-list");

    // Each search waits for its own answer: the previous one's rows would pass the checks too.
    await page.getByLabel("Search contacts", { exact: true }).fill("020 7183-8750");
    await visible(page.getByText("1 contact matching “020 7183-8750”", { exact: true }));
    await hidden(grace);
    await visible(ada);
    await page.getByLabel("Search contacts", { exact: true }).fill("(415) 555 26");
    await visible(page.getByText("1 contact matching “(415) 555 26”", { exact: true }));
    await visible(ada);
    await hidden(grace);
    await snap(page, "contacts-search");
  });

  it("the dashboard counts the organization's contacts", async ({ context, page }) => {
    // Grace, and Ada deleted: a deleted contact does not count.
    await signUpWithOrganization(context);
    await createContact(context, GRACE);
    await apiOk(context, "DELETE", `/api/contacts/${await createContact(context, ADA)}`);
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect.poll(() => numberNextTo(page, "Total contacts"), { timeout: 10_000 }).toBe(1);
    expect(await numberNextTo(page, "Active")).toBe(0);
    expect(await numberNextTo(page, "Unknown callers")).toBe(0);
    await snap(page, "dashboard");
  });
});
