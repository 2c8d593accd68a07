// The calls page and numbers formatted for people, at desktop and phone widths: every call newest
// first with who called (known contact, stub, withheld, invalid), the number called and the
// provider; its filters; from a call to its contact; numbers in national format for the
// organization's country (US here), international otherwise, and E.164 in `tel:` links and copies.
// One organization, rung once through an API key; the tests only read it. Every view passes axe.
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  ADA_PHONES,
  apiOk,
  DESKTOP,
  expectNoSeriousA11yViolations,
  itWithFileAccount,
  PHONE,
  rowText,
  scrollWidth,
  signIn,
  visible,
  withKey,
} from "./helpers";

const [ADA_US, ADA_GB] = ADA_PHONES;

const it = itWithFileAccount(async (context) => {
  const { key } = await apiOk<{ key: string }>(context, "POST", "/api/api-keys", { name: "telephony" });
  await apiOk(context, "POST", "/api/contacts", {
    first_name: "Ada",
    last_name: "Lovelace",
    phones: [{ phone_number: ADA_US }, { phone_number: ADA_GB }],
  });
  const ring = async (from: string, provider: string) => {
    const res = await withKey(key, "POST", "/api/calls/inbound", { from, to: "+15557654321", provider });
    if (res.status !== 201) throw new Error(`ring from ${from}: ${res.status} ${await res.text()}`);
    return (await res.json()).call_id as string;
  };
  // Oldest first: the page lists them the other way round.
  const known = await ring("(415) 555-2671", "twilio");
  // Ada has a name: the transcription is saved and enrichment skipped.
  const saved = await withKey(key, "POST", `/api/calls/${known}/transcription`, { transcription: "Caller: Hi." });
  if (saved.status !== 202) throw new Error(`transcription: ${saved.status}`);
  await ring("+16505550123", "retell");
  await ring("anonymous", "telnyx");
  await ring("12", "vapi");
});

/** expect.poll with room for a loaded machine (its default gives up after a second). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

const VIEWPORTS = [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const;

const callList = (page: Page) => page.getByRole("list", { name: "Calls" });
const callRows = (page: Page) => callList(page).getByRole("listitem");
const rowTexts = async (page: Page) => (await callRows(page).allInnerTexts()).map((t) => t.replace(/\s+/g, " "));

/** The calls page, reached as a person does: by the main navigation's Calls link. */
async function openCalls(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls", exact: true }).click();
  await visible(page.getByRole("heading", { level: 1, name: "Calls" }));
  await visible(callRows(page).first());
}

describe.each(VIEWPORTS)("at %s width", (_name, viewport) => {
  it("lists every call newest first: who called, the number called, the provider", async ({
    context,
    page,
    account,
  }) => {
    await signIn(context, account);
    await page.setViewportSize(viewport);
    await openCalls(page);
    // Polled: the numbers switch to national format once the organization's country is known.
    await poll(() => rowTexts(page)).toEqual([
      expect.stringMatching(/Invalid number.*From 12\b.*Number called \(555\) 765-4321.*Provider vapi/),
      expect.stringMatching(/Number withheld.*From anonymous.*Provider telnyx.*Transcription not received yet/),
      expect.stringMatching(/Unknown caller.*From \(650\) 555-0123.*Provider retell/),
      expect.stringMatching(
        /Ada Lovelace.*Known contact.*From \(415\) 555-2671.*Provider twilio.*Transcription received.*Enrichment skipped/,
      ),
    ]);
    // No raw E.164 anywhere on the page.
    expect(await page.locator("main").innerText()).not.toMatch(/\+1\d{10}/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousA11yViolations(page, `the calls page at ${viewport.width} px`);
  });

  it("filters by caller status and enrichment status, in the URL", async ({ context, page, account }) => {
    await signIn(context, account);
    await page.setViewportSize(viewport);
    await openCalls(page);
    await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Number withheld" });
    await poll(() => rowTexts(page)).toEqual([expect.stringContaining("From anonymous")]);
    expect(new URL(page.url()).searchParams.get("caller_status")).toBe("withheld");
    await visible(page.getByRole("status").filter({ hasText: "1 call matching the filters" }));

    await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Unknown caller" });
    await poll(() => rowTexts(page)).toEqual([expect.stringContaining("From (650) 555-0123")]);

    await page.getByLabel("Enrichment", { exact: true }).selectOption({ label: "Skipped" });
    await visible(page.getByText("No call matches these filters."));
    await page.getByLabel("Caller", { exact: true }).selectOption({ label: "All callers" });
    await poll(() => rowTexts(page)).toEqual([expect.stringContaining("Ada Lovelace")]);
    await expectNoSeriousA11yViolations(page, `the filtered calls page at ${viewport.width} px`);

    // A reload keeps the filters: they live in the URL.
    await page.reload();
    await poll(() => rowTexts(page)).toEqual([expect.stringContaining("Ada Lovelace")]);
    expect(await page.getByLabel("Enrichment", { exact: true }).inputValue()).toBe("skipped");
    await page.getByLabel("Enrichment", { exact: true }).selectOption({ label: "Waiting for a transcription" });
    await poll(() => callRows(page).count()).toBe(3);
  });

  it("goes from a call to its contact, whose calls show the number called and the provider", async ({
    context,
    page,
    account,
  }) => {
    await signIn(context, account);
    await page.setViewportSize(viewport);
    await openCalls(page);
    await callList(page).getByRole("link", { name: "Unknown caller", exact: true }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Unknown caller" }));
    const call = page.getByRole("heading", { name: "Calls", exact: true }).locator("..").getByRole("listitem");
    await visible(call.first());
    await poll(async () => (await call.first().innerText()).replace(/\s+/g, " ")).toMatch(
      /from \(650\) 555-0123.*Number called \(555\) 765-4321.*Provider retell/,
    );
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousA11yViolations(page, `a stub's page at ${viewport.width} px`);

    await page.goBack();
    await callList(page).getByRole("link", { name: "Ada Lovelace", exact: true }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Ada Lovelace" }));
  });

  it("shows numbers as people write them, and keeps E.164 in tel: links and copies", async ({
    context,
    page,
    account,
  }) => {
    await signIn(context, account);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.setViewportSize(viewport);
    await page.goto("/contacts");
    const row = await visible(page.getByRole("link", { name: /^Ada Lovelace/ }));
    // Her preferred number is the first one, a US number: national format.
    await poll(() => rowText(row)).toContain("(415) 555-2671");
    await row.click();
    await visible(page.getByRole("heading", { level: 1, name: "Ada Lovelace" }));

    const us = await visible(page.getByRole("link", { name: "(415) 555-2671", exact: true }));
    expect(await us.getAttribute("href")).toBe(`tel:${ADA_US}`);
    const gb = await visible(page.getByRole("link", { name: "+44 20 7183 8750", exact: true }));
    expect(await gb.getAttribute("href")).toBe(`tel:${ADA_GB}`);
    await page.getByRole("button", { name: "Copy the number +44 20 7183 8750", exact: true }).click();
    await visible(page.getByRole("status").filter({ hasText: "Copied" }));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ADA_GB);
    // Her call, on her page: from her number as she typed it, formatted back.
    const call = page.getByRole("heading", { name: "Calls", exact: true }).locator("..").getByRole("listitem");
    await poll(async () => (await call.first().innerText()).replace(/\s+/g, " ")).toMatch(
      /from \(415\) 555-2671.*Provider twilio/,
    );
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousA11yViolations(page, `a contact's page at ${viewport.width} px`);
  });
});
