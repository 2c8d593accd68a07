import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  BASE,
  expectError,
  expectIssue,
  expectJson,
  ISO,
  joinAs,
  NO_SUCH_ID,
  newTenant,
  send,
  type Tenant,
  UUID,
} from "../support/helpers";

/*
 * Managing integrations (/api/integrations): owners and admins connect a platform with its secret
 * (write-only, stored sealed), read the webhook URLs to paste back, rename, rotate, delete, and
 * read deliveries. The webhooks themselves are tested in webhooks.test.ts.
 */

const TWILIO = {
  provider: "twilio",
  name: "Main line",
  secret: "twilio-auth-token-0123456789abcd9f3a",
  settings: { stream_url: "wss://agent.example.com/media" },
};
/** A Telnyx public key as its portal shows it: base64 of 32 raw bytes. */
const TELNYX_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

let t: Tenant;
beforeAll(async () => {
  t = await newTenant();
});

const create = (body: unknown, caller = t.owner) => send(caller, "POST", "/api/integrations", body);
const expectCreated = async (body: unknown) => expectJson(t.owner, "POST", "/api/integrations", body, 201);

describe("POST /api/integrations", () => {
  it("connects Twilio: the secret never comes back, only its last four; the URL is on the service's origin", async () => {
    const created = await expectCreated(TWILIO);
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      provider: "twilio",
      name: "Main line",
      settings: { stream_url: "wss://agent.example.com/media" },
      secret_last4: "9f3a",
      webhook_secret_last4: null,
      webhook_urls: { ring: `${BASE}/hooks/twilio/${created.id}`, post_call: null },
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    expect(JSON.stringify(created)).not.toContain(TWILIO.secret);
  });

  it("stores the secret sealed, not in clear", async () => {
    const created = await expectCreated(TWILIO);
    const row = await env.DB.prepare("SELECT * FROM integration WHERE id = ?").bind(created.id).first();
    expect(JSON.stringify(row)).not.toContain(TWILIO.secret);
    expect(row?.secret_sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
  });

  it.each([
    ["retell", { provider: "retell", name: "Retell", secret: "key_retell_0001" }, "same"],
    ["vapi", { provider: "vapi", name: "Vapi", secret: "vapi-secret", settings: { assistant_id: "asst_1" } }, "same"],
    [
      "elevenlabs",
      { provider: "elevenlabs", name: "EL", secret: "el-header-secret", webhook_secret: "wsec_abcd" },
      "own",
    ],
    ["telnyx", { provider: "telnyx", name: "Telnyx", secret: TELNYX_KEY }, "none"],
  ])("connects %s with its post-call URL", async (_name, body, postCall) => {
    const created = await expectCreated(body);
    const ring = `${BASE}/hooks/${body.provider}/${created.id}`;
    const expected = { same: ring, own: `${ring}/post-call`, none: null }[postCall];
    expect(created.webhook_urls).toEqual({ ring, post_call: expected });
  });

  it("an ElevenLabs webhook secret is write-only too", async () => {
    const created = await expectCreated({
      provider: "elevenlabs",
      name: "EL",
      secret: "s1",
      webhook_secret: "wsec_1234",
    });
    expect(created.webhook_secret_last4).toBe("1234");
    expect(JSON.stringify(created)).not.toContain("wsec_1234");
  });

  describe("bad input is a 400 that names the field, and creates nothing", () => {
    it.each([
      ["an unknown provider", { ...TWILIO, provider: "skype" }, ["provider"]],
      ["no name", { ...TWILIO, name: "" }, ["name"]],
      ["a name over 100 characters", { ...TWILIO, name: "x".repeat(101) }, ["name"]],
      ["no secret", { ...TWILIO, secret: "" }, ["secret"]],
      ["an unknown field", { ...TWILIO, organization_id: NO_SUCH_ID }, ["organization_id"]],
      ["Twilio without a stream or redirect URL", { ...TWILIO, settings: {} }, ["settings"]],
      [
        "Twilio with both URLs",
        { ...TWILIO, settings: { stream_url: "wss://a.example", redirect_url: "https://b.example" } },
        ["settings"],
      ],
      [
        "Twilio with an http stream",
        { ...TWILIO, settings: { stream_url: "https://a.example" } },
        ["settings", "stream_url"],
      ],
      [
        "Twilio with an http redirect",
        { ...TWILIO, settings: { redirect_url: "http://a.example" } },
        ["settings", "redirect_url"],
      ],
      ["a setting the provider has not", { ...TWILIO, settings: { ...TWILIO.settings, x: "1" } }, ["settings", "x"]],
      ["Vapi without an assistant", { provider: "vapi", name: "V", secret: "s" }, ["settings", "assistant_id"]],
      ["a Telnyx key that is not 32 bytes", { provider: "telnyx", name: "T", secret: btoa("short") }, ["secret"]],
      ["a webhook secret Twilio has not", { ...TWILIO, webhook_secret: "w" }, ["webhook_secret"]],
    ])("%s", async (_name, body, path) => {
      const before = (await expectJson(t.owner, "GET", "/api/integrations", undefined, 200)).data.length;
      await expectIssue(await create(body), path);
      expect((await expectJson(t.owner, "GET", "/api/integrations", undefined, 200)).data).toHaveLength(before);
    });

    it("every issue in one answer: the fields' own and the provider's rules", async () => {
      const error = await expectError(
        await create({
          ...TWILIO,
          name: "",
          settings: { stream_url: "https://a.example", x: "1" },
          webhook_secret: "w",
        }),
        400,
        "validation_failed",
      );
      expect(error.issues).toEqual(
        expect.arrayContaining([
          { path: ["name"], message: "required" },
          { path: ["settings", "stream_url"], message: "a wss:// URL" },
          { path: ["settings", "x"], message: "not a setting of twilio" },
          { path: ["webhook_secret"], message: "twilio has no second webhook secret" },
        ]),
      );
      expect(error.issues).toHaveLength(4);
      const vapi = await expectError(
        await create({ provider: "vapi", name: "", secret: "s" }),
        400,
        "validation_failed",
      );
      expect(vapi.issues?.map((i) => i.path)).toEqual([["name"], ["settings", "assistant_id"]]);
    });
  });
});

describe("GET, PUT, DELETE /api/integrations/{id}", () => {
  it("lists the organization's integrations newest first, and reads one", async () => {
    const other = await newTenant();
    const first = await expectJson(other.owner, "POST", "/api/integrations", TWILIO, 201);
    const second = await expectJson(other.owner, "POST", "/api/integrations", { ...TWILIO, name: "Second" }, 201);
    const list = await expectJson(other.owner, "GET", "/api/integrations", undefined, 200);
    expect(list.data.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    expect(await expectJson(other.owner, "GET", `/api/integrations/${first.id}`, undefined, 200)).toEqual(first);
  });

  it("renames, changes settings and rotates the secret; the answer shows the new last four", async () => {
    const created = await expectCreated(TWILIO);
    const updated = await expectJson(
      t.owner,
      "PUT",
      `/api/integrations/${created.id}`,
      { name: "Renamed", secret: "new-token-7777", settings: { redirect_url: "https://app.example/twiml?x=1" } },
      200,
    );
    expect(updated).toMatchObject({
      name: "Renamed",
      secret_last4: "7777",
      settings: { redirect_url: "https://app.example/twiml?x=1" },
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
  });

  it("a PUT that breaks the provider's rules is a 400 and changes nothing", async () => {
    const created = await expectCreated(TWILIO);
    await expectIssue(await send(t.owner, "PUT", `/api/integrations/${created.id}`, { settings: {} }), ["settings"]);
    await expectIssue(await send(t.owner, "PUT", `/api/integrations/${created.id}`, {}), []);
    expect(await expectJson(t.owner, "GET", `/api/integrations/${created.id}`, undefined, 200)).toEqual(created);
  });

  it("DELETE removes it: 204, then 404 everywhere", async () => {
    const created = await expectCreated(TWILIO);
    await expectJson(t.owner, "DELETE", `/api/integrations/${created.id}`, undefined, 204);
    await expectError(await send(t.owner, "GET", `/api/integrations/${created.id}`), 404, "not_found");
    await expectError(await send(t.owner, "DELETE", `/api/integrations/${created.id}`), 404, "not_found");
    await expectError(await send(t.owner, "GET", `/api/integrations/${created.id}/deliveries`), 404, "not_found");
  });

  it("an id that is not a UUID is a 400; an unknown one a 404", async () => {
    await expectIssue(await send(t.owner, "GET", "/api/integrations/nope"), ["id"]);
    await expectError(await send(t.owner, "GET", `/api/integrations/${NO_SUCH_ID}`), 404, "not_found");
  });
});

describe("tenancy and roles", () => {
  it("another organization's integration is a 404 on every route, and is left alone", async () => {
    const created = await expectCreated(TWILIO);
    const other = await newTenant();
    for (const [method, path, body] of [
      ["GET", `/api/integrations/${created.id}`],
      ["PUT", `/api/integrations/${created.id}`, { name: "Stolen" }],
      ["DELETE", `/api/integrations/${created.id}`],
      ["GET", `/api/integrations/${created.id}/deliveries`],
    ] as const) {
      await expectError(await send(other.owner, method, path, body), 404, "not_found");
    }
    expect((await expectJson(other.owner, "GET", "/api/integrations", undefined, 200)).data).toEqual([]);
    expect(await expectJson(t.owner, "GET", `/api/integrations/${created.id}`, undefined, 200)).toEqual(created);
  });

  it("without credentials: 401 on every route", async () => {
    for (const [method, path] of [
      ["POST", "/api/integrations"],
      ["GET", "/api/integrations"],
      ["GET", `/api/integrations/${NO_SUCH_ID}`],
      ["PUT", `/api/integrations/${NO_SUCH_ID}`],
      ["DELETE", `/api/integrations/${NO_SUCH_ID}`],
      ["GET", `/api/integrations/${NO_SUCH_ID}/deliveries`],
    ] as const) {
      await expectError(
        await send(anonymous, method, path, method === "POST" ? TWILIO : undefined),
        401,
        "unauthenticated",
      );
    }
  });

  it("an admin manages them; an API key cannot, nor can a plain member: 403", async () => {
    const admin = await joinAs(t.owner, t.organizationId, "admin");
    await expectJson(admin, "POST", "/api/integrations", TWILIO, 201);
    await expectError(await create(TWILIO, t.key), 403, "forbidden");
    await expectError(await send(t.key, "GET", "/api/integrations"), 403, "forbidden");
    const member = await joinAs(t.owner, t.organizationId, "member");
    await expectError(await create(TWILIO, member), 403, "forbidden");
    await expectError(await send(member, "GET", "/api/integrations"), 403, "forbidden");
  });
});
