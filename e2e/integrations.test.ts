// Integrations in the browser: an owner connects each platform and gets its webhook URL(s) with the
// platform's steps, copies a URL, renames, rotates a secret, deletes (confirmed), and reads the
// deliveries, among them a Twilio signature mismatch whose detail names the URL it was checked
// against. A plain member is told calmly that integrations are for owners and admins.
import { createHmac, randomBytes } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  apiOk,
  baseUrl,
  expectFieldError,
  hidden,
  isFocused,
  it,
  PHONE,
  signUp,
  signUpWithOrganization,
  snap,
  visible,
} from "./helpers";

interface Integration {
  id: string;
  name: string;
  secret_last4: string;
  webhook_urls: { ring: string; post_call: string | null };
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const telnyxPublicKey = () => randomBytes(32).toString("base64");

/** Twilio's signature: base64 HMAC-SHA1 of the URL, then each form parameter sorted by name, as name then value. */
function twilioSignature(authToken: string, url: string, params: Record<string, string>) {
  const signed = Object.keys(params)
    .sort()
    .map((name) => name + params[name])
    .join("");
  return createHmac("sha1", authToken)
    .update(url + signed)
    .digest("base64");
}

const createTwilio = (context: BrowserContext, secret: string, name = "Main line") =>
  apiOk<Integration>(context, "POST", "/api/integrations", {
    provider: "twilio",
    name,
    secret,
    settings: { stream_url: "wss://agent.example.com/media" },
  });

async function openIntegrations(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Integrations", exact: true }).click();
  await visible(page.getByRole("heading", { name: "Integrations", level: 1 }));
}

/** The text an <output> shows. */
const shown = async (page: Page, label: string) =>
  ((await visible(page.getByLabel(label, { exact: true }))).textContent() as Promise<string>).then((t) => t.trim());

/** Waits until the integration has recorded at least `count` deliveries (they are written after the answer). */
async function waitForDeliveries(context: BrowserContext, id: string, count: number) {
  await expect
    .poll(
      async () =>
        (await apiOk<{ data: unknown[] }>(context, "GET", `/api/integrations/${id}/deliveries?limit=200`)).data.length,
      { timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(count);
}

describe("integrations", () => {
  it("connects each of the five platforms and shows its webhook URLs and steps, never its secret", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await openIntegrations(page);
    await visible(page.getByText("Nothing connected yet", { exact: false }));
    await snap(page, "integrations-empty");

    const telnyxKey = telnyxPublicKey();
    const platforms = [
      {
        provider: "twilio",
        radio: "Twilio",
        name: "Main line",
        secretLabel: "Auth Token",
        secret: "twilio-auth-token-9f3a",
        fill: async () => page.getByLabel("Media stream URL", { exact: true }).fill("wss://agent.example.com/media"),
        urls: { "Ring URL": "" },
        step: "A call comes in",
      },
      {
        provider: "retell",
        radio: "Retell",
        name: "Retell agent",
        secretLabel: "Retell API key",
        secret: "key_retell_webhook_ab12",
        urls: { "Webhook URL": "" },
        step: "Inbound Webhook URL",
      },
      {
        provider: "vapi",
        radio: "Vapi",
        name: "Vapi line",
        secretLabel: "Server URL secret",
        secret: "vapi-server-secret-cd34",
        fill: async () => page.getByLabel("Assistant ID", { exact: true }).fill("asst_0123"),
        urls: { "Server URL": "" },
        step: "assistant-request",
      },
      {
        provider: "elevenlabs",
        radio: "ElevenLabs",
        name: "ElevenLabs agent",
        secretLabel: "Request header secret",
        secret: "el-header-secret-ef56",
        fill: async () =>
          page.getByLabel("Post-call webhook secret (optional)", { exact: true }).fill("wsec_el_post_call_7788"),
        urls: { "Ring URL": "", "Post-call URL": "/post-call" },
        step: "x-webhook-secret",
      },
      {
        provider: "telnyx",
        radio: "Telnyx",
        name: "Telnyx assistant",
        secretLabel: "Public key",
        secret: telnyxKey,
        urls: { "Ring URL": "" },
        step: "Dynamic Variables Webhook URL",
      },
    ];

    for (const platform of platforms) {
      await page.getByRole("radio", { name: platform.radio }).check();
      await page.getByLabel("Name", { exact: true }).fill(platform.name);
      const secret = page.getByLabel(platform.secretLabel, { exact: true });
      expect(await secret.getAttribute("type")).toBe("password");
      expect(await secret.getAttribute("autocomplete")).toBe("off");
      await secret.fill(platform.secret);
      await platform.fill?.();
      if (platform.provider === "elevenlabs") await snap(page, "integrations-form-elevenlabs");
      await page.getByRole("button", { name: `Connect ${platform.radio}`, exact: true }).click();

      await visible(page.getByRole("heading", { name: platform.name, level: 1 }));
      const id = new RegExp(`/integrations/(${UUID})$`).exec(page.url())?.[1];
      expect(id, page.url()).toBeTruthy();
      await visible(page.getByRole("heading", { name: `Set up in ${platform.radio}` }));
      await visible(page.getByText(`${platform.radio} is connected.`));
      for (const [label, suffix] of Object.entries(platform.urls)) {
        expect(await shown(page, label)).toBe(`${baseUrl}/hooks/${platform.provider}/${id}${suffix}`);
        await visible(page.getByRole("button", { name: `Copy ${label}`, exact: true }));
      }
      await visible(page.locator("ol.steps").getByText(platform.step, { exact: false }).first());
      // The secret is write-only: its last four characters, never itself.
      const text = await page.locator("body").innerText();
      expect(text).not.toContain(platform.secret);
      expect(text).toContain(`…${platform.secret.slice(-4)}`);
      await snap(page, `integration-${platform.provider}`);
      await page.getByRole("link", { name: "← Integrations" }).click();
      await visible(page.getByRole("heading", { name: "Connected" }));
    }

    for (const platform of platforms) await visible(page.getByRole("link", { name: platform.name, exact: true }));
    await snap(page, "integrations-list");
  });

  it("copies a webhook URL to the clipboard, at phone width", async ({ context, page }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await signUpWithOrganization(context);
    await page.setViewportSize(PHONE);
    await openIntegrations(page);
    await page.getByLabel("Name", { exact: true }).fill("Phone line");
    await page.getByLabel("Auth Token", { exact: true }).fill("twilio-phone-token-1234");
    await page.getByRole("radio", { name: "Redirect to your TwiML" }).check();
    await page.getByLabel("Redirect URL", { exact: true }).fill("https://example.com/twiml");
    await page.getByRole("button", { name: "Connect Twilio", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Phone line", level: 1 }));
    const url = await shown(page, "Ring URL");
    await page.getByRole("button", { name: "Copy Ring URL", exact: true }).click();
    await visible(page.getByRole("status").filter({ hasText: "Copied" }));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(url).toMatch(new RegExp(`^${baseUrl}/hooks/twilio/${UUID}$`));
  });

  it("shows the API's refusals at their fields, all at once and said for people, and moves focus to the first", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    await openIntegrations(page);
    const name = page.getByLabel("Name", { exact: true });
    const token = page.getByLabel("Auth Token", { exact: true });
    const stream = page.getByLabel("Media stream URL", { exact: true });
    const connect = page.getByRole("button", { name: "Connect Twilio", exact: true });

    await connect.click();
    await expectFieldError(name, "Enter a name.");
    await expectFieldError(token, "Paste it here from the platform's console.");
    // The provider's rule, beside the fields' own: in the same answer.
    await expectFieldError(stream, "Enter a URL that starts with wss://.");
    expect(await isFocused(name)).toBe(true);

    await name.fill("Main line");
    await token.fill("twilio-auth-token-0000");
    await stream.fill("https://agent.example.com/media");
    await connect.click();
    await expectFieldError(stream, "Enter a URL that starts with wss://.");
    expect(await isFocused(stream)).toBe(true);
    await snap(page, "integrations-form-errors");

    await page.getByRole("radio", { name: "Telnyx" }).check();
    const publicKey = page.getByLabel("Public key", { exact: true });
    await publicKey.fill("not-a-key");
    await page.getByRole("button", { name: "Connect Telnyx", exact: true }).click();
    await expectFieldError(publicKey, "This isn't a Telnyx public key.");
    expect(await isFocused(publicKey)).toBe(true);
  });

  it("renames the integration and rotates its secret: the last four change, the old secret stops working", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    const created = await createTwilio(context, "twilio-old-token-1111");
    const params = { CallSid: "CA0000000000000000000000000000rot", From: "+14155550100", To: "+14155550199" };
    await page.goto(`/integrations/${created.id}`);
    await visible(page.getByRole("heading", { name: "Main line", level: 1 }));
    await visible(page.getByText("…1111").first());

    const name = page.getByLabel("Name", { exact: true });
    await name.fill("Front desk");
    await page.getByRole("button", { name: "Rename", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Front desk", level: 1 }));
    await visible(page.getByText("Renamed."));

    const secret = page.getByLabel("New Auth Token", { exact: true });
    expect(await secret.getAttribute("type")).toBe("password");
    await secret.fill("twilio-new-token-2222");
    await page.getByRole("button", { name: "Replace secret", exact: true }).click();
    await visible(page.getByText("Replaced: the old secret no longer works."));
    await visible(page.getByText("…2222").first());
    expect(await page.getByText("…1111").count()).toBe(0);
    expect(await secret.inputValue()).toBe("");
    expect(await page.locator("body").innerText()).not.toContain("twilio-new-token-2222");
    await snap(page, "integration-rotated");

    // At once: a ring signed with the old token is refused, one signed with the new token is answered.
    const ring = created.webhook_urls.ring;
    const old = await context.request.post(ring, {
      form: params,
      headers: { "x-twilio-signature": twilioSignature("twilio-old-token-1111", ring, params) },
    });
    expect(old.status()).toBe(401);
    const fresh = await context.request.post(ring, {
      form: params,
      headers: { "x-twilio-signature": twilioSignature("twilio-new-token-2222", ring, params) },
    });
    expect(fresh.status()).toBe(200);
  });

  it("deletes the integration after a confirmation; its webhook answers 404", async ({ context, page }) => {
    await signUpWithOrganization(context);
    const created = await createTwilio(context, "twilio-delete-token-3333", "Old line");
    await openIntegrations(page);
    await page.getByRole("link", { name: "Old line", exact: true }).click();
    await page.getByRole("button", { name: "Delete integration", exact: true }).click();
    const dialog = await visible(page.getByRole("dialog"));
    await visible(dialog.getByRole("heading", { name: "Delete “Old line”?" }));
    await snap(page, "integration-delete-dialog");
    // Cancel keeps it.
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
    await hidden(page.getByRole("dialog"));
    await visible(page.getByRole("heading", { name: "Old line", level: 1 }));

    await page.getByRole("button", { name: "Delete integration", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete integration", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Integrations", level: 1 }));
    expect(new URL(page.url()).pathname).toBe("/integrations");
    await visible(page.getByText("Nothing connected yet", { exact: false }));
    expect((await context.request.post(created.webhook_urls.ring, { form: { CallSid: "CA1" } })).status()).toBe(404);
  });

  it("lists the deliveries with their outcomes: a signature mismatch names the URL it was checked against", async ({
    context,
    page,
  }) => {
    await signUpWithOrganization(context);
    const token = "twilio-deliveries-token-4444";
    const created = await createTwilio(context, token);
    const ring = created.webhook_urls.ring;
    const params = { CallSid: "CA00000000000000000000000000000001", From: "+14155552671", To: "+14155550199" };

    // Twenty unsigned requests: more than a page.
    for (let i = 0; i < 20; i++) {
      expect((await context.request.post(ring, { form: { ...params, CallSid: `CAunsigned${i}` } })).status()).toBe(401);
    }
    // Signed for another URL: what a proxy that rewrites the host does.
    const proxied = await context.request.post(ring, {
      form: params,
      headers: { "x-twilio-signature": twilioSignature(token, "https://calls.example.com/twilio", params) },
    });
    expect(proxied.status()).toBe(401);
    // Signed for this URL: the ring is answered and the call recorded.
    const signed = await context.request.post(ring, {
      form: params,
      headers: { "x-twilio-signature": twilioSignature(token, ring, params) },
    });
    expect(signed.status()).toBe(200);
    expect(await signed.text()).toContain("<Stream");
    await waitForDeliveries(context, created.id, 22);

    await page.goto(`/integrations/${created.id}`);
    const items = page.locator("ul.deliveries > li");
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(20);
    // Newest first: the answered ring with its call and the caller's contact, then the mismatch.
    const accepted = items.nth(0);
    expect(await accepted.innerText()).toContain("Accepted");
    const call = await visible(accepted.locator("code.delivery__call-id"));
    expect((await call.innerText()).trim()).toMatch(new RegExp(`^${UUID}$`));
    await visible(accepted.getByRole("link", { name: "Caller's contact" }));
    const mismatch = items.nth(1);
    const mismatchText = await mismatch.innerText();
    expect(mismatchText).toContain("Signature rejected");
    expect(mismatchText).toContain(`signature does not match for ${ring}`);
    expect(mismatchText).toContain("a proxy that changes the scheme, host or port");
    expect(await items.nth(2).innerText()).toContain("x-twilio-signature");
    await snap(page, "integration-deliveries");

    await page.getByRole("button", { name: "Load more deliveries", exact: true }).click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(22);
    await hidden(page.getByRole("button", { name: "Load more deliveries", exact: true }));

    // One more arrives: Refresh shows it on top.
    await context.request.post(ring, { form: { ...params, CallSid: "CAlate" } });
    await waitForDeliveries(context, created.id, 23);
    await page.getByRole("button", { name: "Refresh", exact: true }).click();
    await expect
      .poll(async () => (await items.nth(0).innerText()).includes("Signature rejected"), { timeout: 15_000 })
      .toBe(true);

    // The answered ring is now second; its contact is the new caller's stub.
    await items.nth(1).getByRole("link", { name: "Caller's contact" }).click();
    await visible(page.getByRole("heading", { name: "Unknown caller", level: 1 }));
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/contacts/${UUID}$`));
  });

  it("tells a plain member calmly that integrations are for owners and admins", async ({ browser, context, page }) => {
    // The owner, in a context of their own, invites the member the test's page belongs to.
    const owner = await browser.newContext({
      baseURL: baseUrl,
      extraHTTPHeaders: {
        "cf-connecting-ip": `10.200.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
      },
    });
    try {
      const { organizationId } = await signUpWithOrganization(owner, "Owner");
      await createTwilio(owner, "twilio-owner-token-5555");
      const member = await signUp(context, "Member");
      const invitation = await apiOk<{ id: string }>(owner, "POST", "/api/auth/organization/invite-member", {
        email: member.email,
        role: "member",
        organizationId,
      });
      await apiOk(context, "POST", "/api/auth/organization/accept-invitation", { invitationId: invitation.id });
      await apiOk(context, "POST", "/api/auth/organization/set-active", { organizationId });
    } finally {
      await owner.close();
    }
    await openIntegrations(page);
    await visible(page.getByText("Only owners and admins manage integrations."));
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Connect Twilio" }).count()).toBe(0);
    await snap(page, "integrations-member");
  });
});
