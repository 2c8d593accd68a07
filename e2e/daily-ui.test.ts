// The web UI as an office's daily tool, at desktop and phone widths: deleting an entry asks first
// and can be undone, every completed action says so in a toast, the preferred entry leads a
// stable layout, sign-in returns to the page asked for, sign-out on every signed-in page, the
// sign-in and sign-up forms point at each other when the other one is the answer, and the API
// documentation is one link from the API keys.
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  ADA,
  apiOk,
  createContact,
  DESKTOP,
  hidden,
  isFocused,
  it,
  itemOf,
  PASSWORD,
  PHONE,
  scrollWidth,
  signUp,
  signUpWithOrganization,
  uniqueEmail,
  visible,
} from "./helpers";

/** A toast in the notifications' live region, by (part of) its text. */
const toast = (page: Page, text: string) =>
  page.getByRole("region", { name: "Notifications" }).getByRole("status").getByText(text);

const deleteButton = (page: Page, value: string) => page.getByRole("button", { name: `Delete ${value}`, exact: true });

interface Entry {
  id: string;
  label: string | null;
  is_preferred: boolean;
}
const phonesOf = async (page: Page, id: string) =>
  (await apiOk<{ phones: (Entry & { phone_number: string })[] }>(page.context(), "GET", `/api/contacts/${id}`)).phones;

const MOBILE = "+14155552671";
const WORK = "+442071838750";

describe.each([
  { width: "1280 px", viewport: DESKTOP },
  { width: "375 px", viewport: PHONE },
])("at $width", ({ viewport }) => {
  it("deleting a phone asks first, says so, and Undo puts it back as it was: labelled, preferred", async ({
    context,
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signUpWithOrganization(context);
    const id = await createContact(context, {
      first_name: "Ada",
      phones: [
        { phone_number: MOBILE, label: "Mobile" },
        { phone_number: WORK, label: "Work" },
      ],
    });
    await page.goto(`/contacts/${id}`);

    // Cancel leaves it as it was.
    await (await visible(deleteButton(page, MOBILE))).click();
    const dialog = await visible(page.getByRole("dialog", { name: `Delete ${MOBILE}?` }));
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
    await hidden(dialog);
    expect(await phonesOf(page, id)).toHaveLength(2);

    await deleteButton(page, MOBILE).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await hidden(deleteButton(page, MOBILE));
    await visible(toast(page, `Deleted ${MOBILE}`));
    // The one that was left became preferred; focus, which was on the deleted card, is on Undo.
    expect((await phonesOf(page, id)).map((p) => [p.phone_number, p.is_preferred])).toEqual([[WORK, true]]);
    const undo = page.getByRole("button", { name: "Undo", exact: true });
    expect(await isFocused(undo), "focus moves to Undo").toBe(true);

    await page.keyboard.press("Enter");
    await visible(toast(page, `Restored ${MOBILE}`));
    const restored = itemOf(page, deleteButton(page, MOBILE));
    await visible(restored.getByText("Preferred", { exact: true }));
    await visible(restored.getByText("Mobile", { exact: true }));
    const phones = await phonesOf(page, id);
    expect(phones.map((p) => [p.phone_number, p.label, p.is_preferred]).sort()).toEqual([
      [MOBILE, "Mobile", true],
      [WORK, "Work", false],
    ]);
  });

  it("every completed action says so in a toast, and a deleted contact's list says it is gone", async ({
    context,
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signUpWithOrganization(context);
    await page.goto(`/contacts/${await createContact(context, ADA)}`);

    await page.getByLabel("Email address", { exact: true }).fill("Ada@Work.example");
    await page.getByRole("button", { name: "Add email", exact: true }).click();
    await visible(toast(page, "Added ada@work.example"));
    await page.getByRole("button", { name: "Make preferred: ada@work.example", exact: true }).click();
    await visible(toast(page, "ada@work.example is now preferred"));
    await deleteButton(page, "ada@example.com").click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await visible(toast(page, "Deleted ada@example.com"));

    await page.getByRole("button", { name: "Edit name", exact: true }).click();
    await page.getByLabel("First name", { exact: true }).fill("Augusta Ada");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await visible(toast(page, "Renamed to Augusta Ada Lovelace"));

    await page.getByRole("button", { name: "Delete contact", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/contacts");
    await visible(toast(page, "Deleted Augusta Ada Lovelace"));

    await page.goto("/api-keys");
    await page.getByLabel("Key name", { exact: true }).fill("telephony");
    await page.getByRole("button", { name: "Create key", exact: true }).click();
    await visible(toast(page, "Created key telephony"));
    await page.getByRole("button", { name: "Revoke telephony", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key", exact: true }).click();
    await visible(toast(page, "Revoked telephony"));
  });

  it("lists the preferred entry first, in cards whose layout does not follow the text's length", async ({
    context,
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signUpWithOrganization(context);
    const long = `a.very.long.address.to.see.whether.the.card.keeps.its.shape@${"sub.".repeat(6)}example.com`;
    const id = await createContact(context, {
      first_name: "Ada",
      phones: [{ phone_number: MOBILE }, { phone_number: WORK }],
      emails: [{ email: "a@b.example" }, { email: long, label: "Work" }],
    });
    // The second phone made preferred through the API: the page must put it first all the same.
    const work = (await phonesOf(page, id)).find((p) => p.phone_number === WORK)!;
    await apiOk(context, "PUT", `/api/contacts/${id}/phones/${work.id}`, { is_preferred: true });
    await page.goto(`/contacts/${id}`);
    await visible(deleteButton(page, long));

    const order = (heading: string) =>
      page
        .locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) })
        .locator(".entry-list > li .entry__value")
        .allInnerTexts();
    // Phones are shown formatted for people; their tel: links keep the E.164.
    const phoneLinks = await page
      .locator("section", { has: page.getByRole("heading", { name: "Phones", exact: true }) })
      .locator(".entry-list > li .entry__value a[href^='tel:']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(phoneLinks).toEqual([`tel:${WORK}`, `tel:${MOBILE}`]);
    expect(await order("Emails")).toEqual(["a@b.example", long]);

    // Where the buttons sit in the card, and the rows they take, is the same for a short and a long value.
    const shape = (value: string) =>
      itemOf(page, deleteButton(page, value)).evaluate((card) => {
        const box = card.getBoundingClientRect();
        const actions = card.querySelector(".entry__actions")!.getBoundingClientRect();
        const button = card.querySelector(".entry__actions button")!.getBoundingClientRect();
        return {
          actionsTop: Math.round(actions.top - box.top),
          actionsRight: Math.round(box.right - actions.right),
          actionRows: Math.round(actions.height / button.height),
          overflows: card.scrollWidth > card.clientWidth,
        };
      });
    const short = await shape("a@b.example");
    const longShape = await shape(long);
    expect(short.actionRows).toBe(1);
    expect(longShape).toEqual({ ...short, actionsTop: longShape.actionsTop });
    // Above the 40rem breakpoint the buttons sit at the top right of every card; below it, under the value.
    if (viewport === DESKTOP) expect(longShape.actionsTop).toBe(short.actionsTop);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
  });

  it("a signed-out deep link comes back to its page after sign-in; a foreign `next` is not followed", async ({
    context,
    page,
  }) => {
    await page.setViewportSize(viewport);
    const account = await signUpWithOrganization(context);
    const id = await createContact(context, ADA);
    await apiOk(context, "POST", "/api/auth/sign-out", {});

    await page.goto(`/contacts/${id}?tab=calls`);
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(new URL(page.url()).searchParams.get("next")).toBe(`/contacts/${id}?tab=calls`);
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Ada Lovelace", exact: true }));
    expect(new URL(page.url()).pathname).toBe(`/contacts/${id}`);

    // Signing out here starts the next person from the dashboard, not from this page.
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(new URL(page.url()).search).toBe("");

    await page.goto("/signin?next=//evil.example/steal");
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Newest contacts" }));
    expect(page.url()).toBe(`${new URL(page.url()).origin}/`);
  });

  it("the create-organization step can sign out", async ({ context, page }) => {
    await page.setViewportSize(viewport);
    const { email } = await signUp(context);
    await page.goto("/");
    await visible(page.getByLabel("Organization name", { exact: true }));
    await visible(page.getByText(`Signed in as ${email}`));
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await visible(page.getByRole("button", { name: "Sign in", exact: true }));
    expect((await page.request.get("/api/auth/get-session")).ok()).toBe(true);
    expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
  });

  it("sign-up with a taken email offers sign-in with it; a refused sign-in offers sign-up", async ({
    context,
    page,
  }) => {
    await page.setViewportSize(viewport);
    const { email } = await signUp(context);
    await apiOk(context, "POST", "/api/auth/sign-out", {});
    await page.goto("/signup?next=/api-keys");
    await page.getByLabel("Name", { exact: true }).fill("Someone");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account", exact: true }).click();
    const signInInstead = page.getByRole("alert").getByRole("link", { name: "Sign in instead", exact: true });
    await (await visible(signInInstead)).click();
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/api-keys");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(email);

    const stranger = uniqueEmail("nobody");
    await page.getByLabel("Email", { exact: true }).fill(stranger);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await (
      await visible(page.getByRole("alert").getByRole("link", { name: "Create an account", exact: true }))
    ).click();
    await page.waitForURL((url) => url.pathname === "/signup");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(stranger);
  });

  it("the API keys page links to the API documentation", async ({ context, page }) => {
    await page.setViewportSize(viewport);
    await signUpWithOrganization(context);
    await page.goto("/api-keys");
    const link = await visible(page.getByRole("link", { name: "API documentation", exact: true }));
    expect(await link.getAttribute("href")).toBe("/api/docs");
    await link.click();
    await page.waitForURL((url) => url.pathname === "/api/docs");
    expect((await page.request.get("/api/docs")).status()).toBe(200);
  });
});
