// A contact's page in the browser: phones (a field error first, preferred), emails, rename,
// delete. Each test starts from an organization of its own, Ada made in it through the API as
// the new-contact form of contacts.test.ts makes her.
import { describe, expect } from "vitest";
import {
  ADA,
  ADA_PHONES,
  createContact,
  expectFieldError,
  GRACE,
  hidden,
  it,
  itemOf,
  signUpWithOrganization,
  snap,
  visible,
} from "./helpers";

const [first, second] = ADA_PHONES;

describe("contacts", () => {
  it("adds phones on the details page: an invalid one is refused at the field, a second becomes preferred", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await page.goto(`/contacts/${await createContact(context, ADA)}`);
    await visible(page.getByRole("heading", { name: "Phones", exact: true }));
    const number = page.getByLabel("Phone number", { exact: true });
    await number.fill("not a number");
    await page.getByRole("button", { name: "Add phone", exact: true }).click();
    await expectFieldError(number, "This doesn't look like a phone number.");

    await number.fill("+44 20 7183 8750");
    await page.getByLabel("Label", { exact: true }).first().fill("Work");
    await page.getByRole("button", { name: "Add phone", exact: true }).click();
    const firstItem = itemOf(page, page.getByRole("button", { name: `Delete ${first}`, exact: true }));
    const secondItem = itemOf(page, page.getByRole("button", { name: `Delete ${second}`, exact: true }));
    await visible(secondItem);
    // The first one added stays preferred.
    await visible(firstItem.getByText("Preferred", { exact: true }));
    expect(await secondItem.getByText("Preferred", { exact: true }).count()).toBe(0);

    await page.getByRole("button", { name: `Make preferred: ${second}`, exact: true }).click();
    await visible(secondItem.getByText("Preferred", { exact: true }));
    await hidden(firstItem.getByText("Preferred", { exact: true }));
    // And it stays so when the page is loaded again.
    await page.reload();
    await visible(
      itemOf(page, page.getByRole("button", { name: `Delete ${second}`, exact: true })).getByText("Preferred", {
        exact: true,
      }),
    );
    await snap(page, "contact-details");
  });

  it("adds an email, makes it preferred and deletes the first one", async ({ context, page }) => {
    await signUpWithOrganization(context);
    await page.goto(`/contacts/${await createContact(context, ADA)}`);
    await visible(page.getByRole("heading", { name: "Emails", exact: true }));
    await page.getByLabel("Email address", { exact: true }).fill("Lovelace@Example.org");
    await page.getByLabel("Label", { exact: true }).last().fill("Home");
    await page.getByRole("button", { name: "Add email", exact: true }).click();
    const added = itemOf(page, page.getByRole("button", { name: "Delete lovelace@example.org", exact: true }));
    await visible(added);
    await page.getByRole("button", { name: "Make preferred: lovelace@example.org", exact: true }).click();
    await visible(added.getByText("Preferred", { exact: true }));
    await page.getByRole("button", { name: "Delete ada@example.com", exact: true }).click();
    // Deleting an entry asks first (e2e/daily-ui.test.ts tests the dialog and its Undo).
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await hidden(page.getByRole("button", { name: "Delete ada@example.com", exact: true }));
    await visible(added.getByText("Preferred", { exact: true }));
  });

  it("opens the details, renames the contact and deletes it", async ({ context, page }) => {
    await signUpWithOrganization(context);
    await createContact(context, GRACE);
    await createContact(context, ADA);
    await page.goto("/contacts");
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
});
