// Possible duplicates on a contact's page, merged through the dialog.
import { describe, expect } from "vitest";
import {
  ADA,
  ADA_PHONES,
  createContact,
  hidden,
  it,
  rowText,
  signUpWithApiKey,
  signUpWithOrganization,
  snap,
  visible,
  withKey,
} from "./helpers";

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
    expect(text).toContain("(212) 555-0100");
    expect(text).toContain("alan@example.com");
  });

  it("a caller who claims a customer's name and email is never one click from taking the customer's place", async ({
    context,
    page,
  }) => {
    const key = await signUpWithApiKey(context);
    const adaId = await createContact(context, ADA);
    // A caller from a new number says they are Ada, and gives Ada's email.
    const ring = await withKey(key, "POST", "/api/calls/inbound", {
      from: "+1 650 555 0142",
      provider_call_id: "CA-claim",
    });
    expect(ring.status).toBe(201);
    const { call_id: callId } = await ring.json();
    const transcription = "Agent: Hello. Caller: Hi, my name is Ada Lovelace, my email is ada@example.com.";
    expect((await withKey(key, "POST", `/api/calls/${callId}/transcription`, { transcription })).status).toBe(202);
    await expect
      .poll(async () => (await (await withKey(key, "GET", `/api/calls/${callId}`)).json()).enrichment_status, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe("done");

    await page.goto(`/contacts/${adaId}`);
    await visible(page.getByRole("heading", { name: "Possible duplicates", exact: true }));
    const suggestion = page.getByRole("listitem").filter({ hasText: "(650) 555-0142" });
    await visible(suggestion.getByText("What a caller said on a call: not verified."));
    await suggestion.getByRole("button", { name: "Merge", exact: true }).click();
    const dialog = await visible(page.getByRole("dialog"));
    // Exactly what moves: the caller's number, no email (Ada's stayed hers), one call.
    const moves = dialog.locator(".merge-moves");
    await expect.poll(() => moves.innerText(), { timeout: 15_000 }).toMatch(/Calls\s+1/);
    expect(await moves.innerText()).toMatch(/Phone numbers\s+\(650\) 555-0142\s+Email addresses\s+none/);
    await visible(dialog.getByText(/whoever calls from \(650\) 555-0142 is greeted as Ada Lovelace/));
    const confirm = dialog.getByRole("button", { name: "Merge contacts", exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await snap(page, "contact-merge-unverified");
    await dialog.getByRole("checkbox", { name: "I have checked that these are the same person" }).check();
    expect(await confirm.isDisabled()).toBe(false);
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
    await hidden(page.getByRole("dialog"));

    // Nothing moved: Ada still holds only her own number.
    const ada = await (await withKey(key, "GET", `/api/contacts/${adaId}`)).json();
    expect(ada.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([ADA_PHONES[0]]);
  });
});
