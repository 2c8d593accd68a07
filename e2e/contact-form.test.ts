// The new-contact form, at desktop and phone widths: several phones and emails with labels and a
// chosen preferred one (chosen with the arrow keys), every refusal of the API at its own field at
// once and in words for people, each message gone as its field changes, the reference to give
// when the service fails, and a not-found page for an address that names no contact.
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  apiOk,
  DESKTOP,
  describedAlerts,
  expectFieldError,
  expectNoSeriousA11yViolations,
  isFocused,
  it,
  itemOf,
  PHONE,
  signUpWithOrganization,
  snap,
  visible,
} from "./helpers";

const PHONE_MESSAGE =
  "This doesn't look like a phone number. Include the area code, or the country code for numbers abroad.";
const EMAIL_MESSAGE = "This doesn't look like an email address. It should look like name@example.com.";
/** What the API says for programmers: never on the screen. */
const RAW = /not a phone number|not an email address|give at least|internal error|not an id|phones\.\d/;

const field = (page: Page, name: string) => page.getByLabel(name, { exact: true });
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
const isInvalid = async (page: Page, name: string) => (await field(page, name).getAttribute("aria-invalid")) === "true";

async function openForm(page: Page, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.goto("/contacts/new");
  await visible(button(page, "Create contact"));
}

interface Entry {
  label: string | null;
  is_preferred: boolean;
}

describe.each([
  { width: "1280 px", viewport: DESKTOP },
  { width: "375 px", viewport: PHONE },
])("the new-contact form at $width", ({ viewport }) => {
  it("creates a contact with two labelled phones and two labelled emails, the second of each preferred", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await openForm(page, viewport);
    await field(page, "First name").fill("Ada");
    await field(page, "Last name").fill("Lovelace");
    await field(page, "Phone 1").fill("(415) 555-2671");
    await field(page, "Label for phone 1").fill("Mobile");
    await button(page, "Add another phone").click();
    // The new row's number has the focus.
    expect(await isFocused(field(page, "Phone 2")), "focus on the added row").toBe(true);
    await page.keyboard.type("+44 20 7183 8750");
    await field(page, "Label for phone 2").fill("Work");
    // The first row is preferred until another is chosen; arrow keys choose, as radio buttons do.
    const firstPreferred = page.getByRole("radio", { name: "Preferred phone 1", exact: true });
    expect(await firstPreferred.isChecked()).toBe(true);
    await firstPreferred.focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { name: "Preferred phone 2", exact: true }).isChecked()).toBe(true);
    expect(await firstPreferred.isChecked()).toBe(false);

    await field(page, "Email 1").fill("ada@example.com");
    await field(page, "Label for email 1").fill("Home");
    await button(page, "Add another email").click();
    await field(page, "Email 2").fill("Ada.Lovelace@Work.example");
    await field(page, "Label for email 2").fill("Work");
    await page.getByRole("radio", { name: "Preferred email 2", exact: true }).check();
    await button(page, "Create contact").click();

    await visible(page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true }));
    const id = page.url().split("/").at(-1) as string;
    const contact = await apiOk<{
      phones: (Entry & { phone_number: string })[];
      emails: (Entry & { email: string })[];
    }>(context, "GET", `/api/contacts/${id}`);
    expect(contact.phones.map((p) => [p.phone_number, p.label, p.is_preferred])).toEqual([
      ["+14155552671", "Mobile", false],
      ["+442071838750", "Work", true],
    ]);
    expect(contact.emails.map((e) => [e.email, e.label, e.is_preferred])).toEqual([
      ["ada@example.com", "Home", false],
      ["ada.lovelace@work.example", "Work", true],
    ]);
    // On the page: each with its label, the chosen ones marked preferred.
    const workPhone = itemOf(page, page.getByRole("button", { name: "Delete +442071838750", exact: true }));
    expect(await workPhone.innerText()).toMatch(/Preferred[\s\S]*Work/);
    const mobile = itemOf(page, page.getByRole("button", { name: "Delete +14155552671", exact: true }));
    expect(await mobile.innerText()).toContain("Mobile");
    expect(await mobile.innerText()).not.toContain("Preferred");
    const workEmail = itemOf(page, page.getByRole("button", { name: "Delete ada.lovelace@work.example", exact: true }));
    expect(await workEmail.innerText()).toMatch(/Preferred[\s\S]*Work/);
  });

  it("shows a bad phone's and a bad email's errors at once, at their fields; a change clears its own only", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await openForm(page, viewport);
    await field(page, "First name").fill("Grace");
    await field(page, "Phone 1").fill("(415) 555-2672");
    await button(page, "Add another phone").click();
    await field(page, "Phone 2").fill("12");
    await field(page, "Label for phone 2").fill("x".repeat(51));
    await field(page, "Email 1").fill("grace@");
    await button(page, "Create contact").click();

    // All three at once, each at its own field, in words for people.
    await expectFieldError(field(page, "Phone 2"), PHONE_MESSAGE);
    await expectFieldError(field(page, "Email 1"), EMAIL_MESSAGE);
    await expectFieldError(field(page, "Label for phone 2"), "This is too long: use at most 50 characters.");
    expect(await isInvalid(page, "Phone 1"), "the good number is not marked").toBe(false);
    expect(await describedAlerts(field(page, "Phone 1"))).toEqual([]);
    expect(await isFocused(field(page, "Phone 2")), "focus on the first field refused").toBe(true);
    expect(await page.locator("body").innerText()).not.toMatch(RAW);
    await expectNoSeriousA11yViolations(page, "the new-contact form with its errors shown");
    // snap shoots both widths, from the desktop one.
    if (viewport === DESKTOP) await snap(page, "contact-new-errors");

    // Typing in the phone clears its message only; the label's and the email's stay.
    await field(page, "Phone 2").fill("(415) 555-2673");
    await expect.poll(() => isInvalid(page, "Phone 2")).toBe(false);
    expect(await describedAlerts(field(page, "Phone 2"))).toEqual([]);
    expect(await isInvalid(page, "Email 1")).toBe(true);
    await expectFieldError(field(page, "Email 1"), EMAIL_MESSAGE);
    expect(await isInvalid(page, "Label for phone 2")).toBe(true);

    // Removing the email's row takes its message with it.
    await button(page, "Remove email 1").click();
    expect(await isFocused(button(page, "Add an email")), "focus on the add button").toBe(true);
    expect(await page.getByText(EMAIL_MESSAGE).count()).toBe(0);
    expect(await isInvalid(page, "Label for phone 2")).toBe(true);

    await field(page, "Label for phone 2").fill("Desk");
    await button(page, "Create contact").click();
    await visible(page.getByRole("heading", { level: 1, name: "Grace", exact: true }));
  });

  it("an empty form says what a contact needs; a failure of the service gives the reference to quote", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await openForm(page, viewport);
    await button(page, "Create contact").click();
    const alert = page.getByRole("alert").filter({ hasText: "a contact needs at least one of them" });
    expect(await (await visible(alert)).innerText()).toContain(
      "Enter a name, a phone number or an email address: a contact needs at least one of them.",
    );
    expect(await page.locator("body").innerText()).not.toMatch(RAW);

    // The service fails: the person reads what to do, and the request's reference to give.
    await page.route("**/api/contacts", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 500,
            contentType: "application/json",
            headers: { "x-request-id": "e2e-reference-42" },
            body: JSON.stringify({
              error: { code: "internal", message: "internal error", request_id: "e2e-reference-42" },
            }),
          })
        : route.fallback(),
    );
    await field(page, "First name").fill("Ada");
    await button(page, "Create contact").click();
    const failure = await visible(page.getByRole("alert").filter({ hasText: "Something went wrong on our side" }));
    expect(await failure.innerText()).toContain(
      "Something went wrong on our side. Try again; if it keeps happening, tell us the reference e2e-reference-42.",
    );
    expect(await page.locator("body").innerText()).not.toMatch(RAW);
  });

  it("an address that names no contact shows a not-found page, not the API's words", async ({ context, page }) => {
    await signUpWithOrganization(context);
    await page.setViewportSize(viewport);
    await page.goto("/contacts/not-an-id");
    await visible(page.getByRole("heading", { level: 1, name: "Contact not found", exact: true }));
    expect(await page.locator("body").innerText()).not.toMatch(RAW);
  });
});
