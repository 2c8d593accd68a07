// The ring path seen in the browser: an inbound call that creates a stub ("Unknown caller"), a
// transcription the model names it from; re-running a failed enrichment. Each test starts from an
// organization and an API key of its own, made through the API.
import type { Page } from "playwright-core";
import { describe, expect, inject } from "vitest";
import { it, numberNextTo, rowText, signUpWithApiKey, snap, visible, withKey } from "./helpers";

const fakeOpenai = inject("fakeOpenaiUrl");

/** The contact's page, reloaded until its h1 reads `name`. */
async function reloadUntilHeading(page: Page, name: string) {
  await expect
    .poll(
      async () => {
        await page.reload();
        const h1 = page.getByRole("heading", { level: 1 });
        await h1.waitFor();
        return (await h1.textContent())?.trim();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe(name);
}

describe("calls and API keys", () => {
  it("shows the stub of an inbound call as an unknown caller, then its name once a transcription is enriched", async ({
    context,
    page,
  }) => {
    const key = await signUpWithApiKey(context);
    await page.goto("/");
    const ring = await withKey(key, "POST", "/api/calls/inbound", {
      from: "(650) 555-0199",
      to: "+15557654321",
      provider: "twilio",
      provider_call_id: "CA-e2e-1",
    });
    expect(ring.status).toBe(201);
    const { call_id: callId, contact } = await ring.json();
    expect(contact.is_stub).toBe(true);

    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    const row = await visible(page.getByRole("link", { name: /^Unknown caller/ }));
    const text = await rowText(row);
    // Numbers show in national format for the organization's country (US).
    expect(text).toContain("(650) 555-0199");
    expect(text).toContain("Unknown caller");
    await snap(page, "contacts-with-stub");

    await page.getByRole("navigation").getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect.poll(() => numberNextTo(page, "Unknown callers"), { timeout: 10_000 }).toBe(1);
    expect(await numberNextTo(page, "Total contacts")).toBe(1);
    expect(await numberNextTo(page, "Active")).toBe(1);

    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await page.getByRole("link", { name: /^Unknown caller/ }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Unknown caller", exact: true }));
    await visible(page.getByRole("heading", { name: "Calls", exact: true }));
    await snap(page, "contact-stub");

    const transcription = await withKey(key, "POST", `/api/calls/${callId}/transcription`, {
      transcription: "Agent: Acme, this is Sam. Caller: Hi Sam, my name is Marie Curie, my email is Marie@Example.com.",
    });
    expect(transcription.status).toBe(202);
    await reloadUntilHeading(page, "Marie Curie");
    await visible(page.getByText("marie@example.com").first());
    await visible(page.getByRole("heading", { name: "Calls", exact: true }));
    const call = page.getByRole("listitem").filter({ hasText: /done/i });
    await visible(call.first());
    await snap(page, "contact-enriched");

    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await visible(page.getByRole("link", { name: /^Marie Curie/ }));
    expect(await page.getByRole("link", { name: /^Unknown caller/ }).count()).toBe(0);
  });

  it("re-runs a failed enrichment from the contact's page", async ({ context, page }) => {
    const key = await signUpWithApiKey(context);
    const token = `e2e-refusal-${Date.now()}`;
    // The model refuses this transcript for good (a 400): the call fails at once.
    await fetch(`${fakeOpenai}/__scenarios`, {
      method: "POST",
      body: JSON.stringify({
        token,
        responses: [{ status: 400, body: { error: { message: "refused", type: "invalid_request_error" } } }],
      }),
    });
    const ring = await (
      await withKey(key, "POST", "/api/calls/inbound", { from: "+1 650 555 0142", provider_call_id: "CA-e2e-2" })
    ).json();
    await withKey(key, "POST", `/api/calls/${ring.call_id}/transcription`, {
      transcription: `${token} Caller: my name is Pierre Curie.`,
    });
    await expect
      .poll(async () => (await (await withKey(key, "GET", `/api/calls/${ring.call_id}`)).json()).enrichment_status, {
        timeout: 20_000,
      })
      .toBe("failed");

    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Contacts", exact: true }).click();
    await page
      .getByRole("row")
      .filter({ hasText: "(650) 555-0142" })
      .getByRole("link", { name: /^Unknown caller/ })
      .click();
    await visible(page.getByRole("heading", { level: 1, name: "Unknown caller", exact: true }));
    await visible(
      page
        .getByRole("listitem")
        .filter({ hasText: /failed/i })
        .first(),
    );
    await snap(page, "contact-call-failed");
    // Now the model answers: re-running names the contact.
    await fetch(`${fakeOpenai}/__scenarios`, { method: "POST", body: JSON.stringify({ token, responses: [{}] }) });
    await page.getByRole("button", { name: "Re-run enrichment", exact: true }).click();
    await reloadUntilHeading(page, "Pierre Curie");
  });
});
