// A contact's life in the browser: create (with a field error first), phones, preferred, search,
// details, rename, delete; the dashboard's figures along the way.
import { describe, expect, it } from "vitest";
import { api, expectFieldError, itemOf, numberNextTo, rowText, signUpWithOrganization, snap, usePage, visible, hidden } from "./helpers";

describe("contacts", () => {
  const session = usePage();
  const first = "+14155552671"; // typed as (415) 555-2671
  const second = "+442071838750"; // typed as +44 20 7183 8750

  it("creates a contact after showing the phone error at the field", async () => {
    const { context, page } = session;
    await signUpWithOrganization(context);
    // Another contact, so that the search below has something to leave out.
    await api(context, "POST", "/api/contacts", { first_name: "Grace", last_name: "Hopper", phones: [{ phone_number: "+1 555 765 4321" }], emails: [{ email: "grace@example.com" }] });

    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(page.getByRole("link", { name: /^Grace Hopper/ }));
    await page.getByRole("link", { name: "New contact", exact: true }).click();
    await visible(page.getByRole("button", { name: "Create contact", exact: true }));
    await snap(page, "contact-new");
    await page.getByLabel("First name", { exact: true }).fill("Ada");
    await page.getByLabel("Last name", { exact: true }).fill("Lovelace");
    const phone = page.getByLabel("Phone", { exact: true });
    await phone.fill("12");
    await page.getByLabel("Email", { exact: true }).fill("Ada@Example.com");
    await page.getByRole("button", { name: "Create contact", exact: true }).click();
    await expectFieldError(phone, "not a phone number");
    await snap(page, "contact-new-error");

    await phone.fill("(415) 555-2671");
    await page.getByRole("button", { name: "Create contact", exact: true }).click();
    // The form leads to the new contact (or back to the list, where its row leads to it).
    const heading = page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true });
    const row = page.getByRole("link", { name: /^Ada Lovelace/ });
    await visible(heading.or(row));
    if (!(await heading.isVisible())) await row.click();
    await visible(heading);
    await visible(page.getByText(first).first());
    await visible(page.getByText("ada@example.com").first());
  });

  it("adds phones on the details page: an invalid one is refused at the field, a second becomes preferred", async () => {
    const { page } = session;
    await visible(page.getByRole("heading", { name: "Phones", exact: true }));
    const number = page.getByLabel("Phone number", { exact: true });
    await number.fill("not a number");
    await page.getByRole("button", { name: "Add phone", exact: true }).click();
    await expectFieldError(number, "not a phone number");

    await number.fill("+44 20 7183 8750");
    await page.getByLabel("Label", { exact: true }).first().fill("Work");
    await page.getByRole("button", { name: "Add phone", exact: true }).click();
    const firstItem = itemOf(page, page.getByRole("button", { name: `Delete ${first}`, exact: true }));
    const secondItem = itemOf(page, page.getByRole("button", { name: `Delete ${second}`, exact: true }));
    await visible(secondItem);
    // The first one added stays preferred.
    await visible(firstItem.getByText("Preferred", { exact: true }));
    expect(await secondItem.getByText("Preferred", { exact: true }).count()).toBe(0);

    await page.getByRole("button", { name: `Make ${second} preferred`, exact: true }).click();
    await visible(secondItem.getByText("Preferred", { exact: true }));
    await hidden(firstItem.getByText("Preferred", { exact: true }));
    // And it stays so when the page is loaded again.
    await page.reload();
    await visible(itemOf(page, page.getByRole("button", { name: `Delete ${second}`, exact: true })).getByText("Preferred", { exact: true }));
    await snap(page, "contact-details");
  });

  it("adds an email, makes it preferred and deletes the first one", async () => {
    const { page } = session;
    await visible(page.getByRole("heading", { name: "Emails", exact: true }));
    await page.getByLabel("Email address", { exact: true }).fill("Lovelace@Example.org");
    await page.getByLabel("Label", { exact: true }).last().fill("Home");
    await page.getByRole("button", { name: "Add email", exact: true }).click();
    const added = itemOf(page, page.getByRole("button", { name: "Delete lovelace@example.org", exact: true }));
    await visible(added);
    await page.getByRole("button", { name: "Make lovelace@example.org preferred", exact: true }).click();
    await visible(added.getByText("Preferred", { exact: true }));
    await page.getByRole("button", { name: "Delete ada@example.com", exact: true }).click();
    await hidden(page.getByRole("button", { name: "Delete ada@example.com", exact: true }));
    await visible(added.getByText("Preferred", { exact: true }));
  });

  it("finds the contact by digits typed in another format, with its preferred phone and email in the row", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    const ada = page.getByRole("link", { name: /^Ada Lovelace/ });
    const grace = page.getByRole("link", { name: /^Grace Hopper/ });
    await visible(ada);
    await visible(grace);
    const text = await rowText(ada);
    expect(text).toContain(second);
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

  it("opens the details, renames the contact and deletes it", async () => {
    const { page } = session;
    await page.getByRole("link", { name: /^Ada Lovelace/ }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true }));
    await page.getByRole("button", { name: "Edit name", exact: true }).click();
    await page.getByLabel("First name", { exact: true }).fill("Augusta Ada");
    await page.getByLabel("Last name", { exact: true }).fill("King");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Augusta Ada King", exact: true }));
    await page.reload();
    await visible(page.getByRole("heading", { level: 1, name: "Augusta Ada King", exact: true }));

    await page.getByRole("button", { name: "Delete contact", exact: true }).click();
    const dialog = await visible(page.getByRole("dialog"));
    await snap(page, "contact-delete-dialog");
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await hidden(page.getByRole("heading", { level: 1, name: "Augusta Ada King", exact: true }));
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(page.getByRole("link", { name: /^Grace Hopper/ }));
    expect(await page.getByRole("link", { name: /^Augusta Ada King/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /^Ada Lovelace/ }).count()).toBe(0);
  });

  it("the dashboard counts the organization's contacts", async () => {
    const { page } = session;
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect.poll(() => numberNextTo(page, "Total contacts"), { timeout: 10_000 }).toBe(1);
    expect(await numberNextTo(page, "Active")).toBe(0);
    expect(await numberNextTo(page, "Unknown callers")).toBe(0);
    await snap(page, "dashboard");
  });
});
