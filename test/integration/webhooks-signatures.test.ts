import { beforeAll, describe, expect, it } from "vitest";
import {
  BASE,
  expectError,
  expectJson,
  freshNumber,
  NO_SUCH_ID,
  newTenant,
  request,
  type Tenant,
} from "../support/helpers";
import {
  connect,
  deliver,
  deliveryCount,
  elevenLabsPostCallRequest,
  elevenLabsTranscription,
  type Hook,
  type HookRequest,
  latestDelivery,
  organizationCounts,
  PROVIDERS,
  type ProviderName,
  REJECTED,
  retellInbound,
  retellRequest,
  ringRequest,
  rotateSecret,
  twilioCall,
  twilioRequest,
  variablesOf,
} from "../support/webhook-helpers";
import { makeTelnyxKeyPair } from "../support/webhook-signer";

/*
 * What a webhook that does not verify gets: a 401 `unauthenticated` with one message whatever
 * failed, nothing written but its delivery record (`rejected_signature`, or `rejected_stale` for
 * a timestamp out of its window); rotated secrets and deleted or unknown integrations.
 */

let t: Tenant;
const hooks = {} as Record<ProviderName, Hook>;

beforeAll(async () => {
  t = await newTenant();
  for (const provider of PROVIDERS) hooks[provider] = await connect(t, provider);
});

const MINUTE = 60_000;
/** Another number called: changes the body after it was signed. */
const tampered = (r: HookRequest): HookRequest => ({ ...r, body: r.body!.replace("7654321", "7654322") });
const withoutHeader = (r: HookRequest, name: string): HookRequest => {
  const { [name]: _dropped, ...headers } = r.headers;
  return { ...r, headers };
};
/** The header with one character changed (a valid character for it). */
const mangled = (r: HookRequest, name: string, at: number): HookRequest => {
  const value = r.headers[name]!;
  const index = at < 0 ? value.length + at : at;
  const changed = value[index] === "a" ? "b" : "a";
  return { ...r, headers: { ...r.headers, [name]: value.slice(0, index) + changed + value.slice(index + 1) } };
};

/** A ring from a new number (it would create a contact and a call), or ElevenLabs' transcript of an unseen call. */
const ring = (provider: ProviderName, options = {}) => ringRequest(hooks[provider], { from: freshNumber() }, options);
const postCall = (options = {}) =>
  elevenLabsPostCallRequest(
    hooks.elevenlabs,
    elevenLabsTranscription({
      callId: `CA-${crypto.randomUUID()}`,
      from: freshNumber(),
      turns: [{ role: "user", message: "Hello" }],
    }),
    options,
  );

type Case = [string, ProviderName, () => Promise<HookRequest>, "rejected_signature" | "rejected_stale"];
const cases: Case[] = [
  [
    "twilio: a wrong signature",
    "twilio",
    async () => mangled(await ring("twilio"), "x-twilio-signature", 0),
    "rejected_signature",
  ],
  [
    "twilio: signed for https, requested over http",
    "twilio",
    async () => {
      const url = `${BASE.replace("http:", "https:")}${hooks.twilio.path}`;
      return twilioRequest(hooks.twilio, twilioCall({ from: freshNumber() }), { signedUrl: url });
    },
    "rejected_signature",
  ],
  [
    "twilio: signed for another query string",
    "twilio",
    async () =>
      twilioRequest(hooks.twilio, twilioCall({ from: freshNumber() }), {
        query: "line=2",
        signedUrl: `${BASE}${hooks.twilio.path}?line=1`,
      }),
    "rejected_signature",
  ],
  ["twilio: another secret", "twilio", () => ring("twilio", { secret: "another-auth-token" }), "rejected_signature"],
  [
    "twilio: no signature header",
    "twilio",
    async () => withoutHeader(await ring("twilio"), "x-twilio-signature"),
    "rejected_signature",
  ],
  ["twilio: a tampered body", "twilio", async () => tampered(await ring("twilio")), "rejected_signature"],
  [
    "retell: a wrong signature",
    "retell",
    async () => mangled(await ring("retell"), "x-retell-signature", -1),
    "rejected_signature",
  ],
  ["retell: another secret", "retell", () => ring("retell", { secret: "key_another" }), "rejected_signature"],
  [
    "retell: no signature header",
    "retell",
    async () => withoutHeader(await ring("retell"), "x-retell-signature"),
    "rejected_signature",
  ],
  ["retell: signed 6 minutes ago", "retell", () => ring("retell", { at: Date.now() - 6 * MINUTE }), "rejected_stale"],
  ["retell: signed 6 minutes ahead", "retell", () => ring("retell", { at: Date.now() + 6 * MINUTE }), "rejected_stale"],
  ["retell: a tampered body", "retell", async () => tampered(await ring("retell")), "rejected_signature"],
  ["vapi: another secret", "vapi", () => ring("vapi", { secret: "another" }), "rejected_signature"],
  [
    "vapi: another secret as a bearer token",
    "vapi",
    () => ring("vapi", { secret: "x", via: "bearer" }),
    "rejected_signature",
  ],
  [
    "vapi: no secret header",
    "vapi",
    async () => withoutHeader(await ring("vapi"), "x-vapi-secret"),
    "rejected_signature",
  ],
  ["elevenlabs ring: another secret", "elevenlabs", () => ring("elevenlabs", { secret: "x" }), "rejected_signature"],
  [
    "elevenlabs ring: no secret header",
    "elevenlabs",
    async () => withoutHeader(await ring("elevenlabs"), "x-webhook-secret"),
    "rejected_signature",
  ],
  [
    "elevenlabs post-call: a wrong signature",
    "elevenlabs",
    async () => mangled(await postCall(), "elevenlabs-signature", -1),
    "rejected_signature",
  ],
  [
    "elevenlabs post-call: signed with the ring's secret",
    "elevenlabs",
    () => postCall({ secret: hooks.elevenlabs.secret }),
    "rejected_signature",
  ],
  [
    "elevenlabs post-call: no signature header",
    "elevenlabs",
    async () => withoutHeader(await postCall(), "elevenlabs-signature"),
    "rejected_signature",
  ],
  [
    "elevenlabs post-call: signed 31 minutes ago",
    "elevenlabs",
    () => postCall({ at: Date.now() - 31 * MINUTE }),
    "rejected_stale",
  ],
  [
    "elevenlabs post-call: signed 6 minutes ahead",
    "elevenlabs",
    () => postCall({ at: Date.now() + 6 * MINUTE }),
    "rejected_stale",
  ],
  ["elevenlabs post-call: a tampered body", "elevenlabs", async () => tampered(await postCall()), "rejected_signature"],
  [
    "telnyx: a wrong signature",
    "telnyx",
    async () => mangled(await ring("telnyx"), "telnyx-signature-ed25519", 0),
    "rejected_signature",
  ],
  [
    "telnyx: another key pair",
    "telnyx",
    async () => ring("telnyx", { keyPair: await makeTelnyxKeyPair() }),
    "rejected_signature",
  ],
  [
    "telnyx: no signature header",
    "telnyx",
    async () => withoutHeader(await ring("telnyx"), "telnyx-signature-ed25519"),
    "rejected_signature",
  ],
  [
    "telnyx: no timestamp header",
    "telnyx",
    async () => withoutHeader(await ring("telnyx"), "telnyx-timestamp"),
    "rejected_signature",
  ],
  ["telnyx: signed 6 minutes ago", "telnyx", () => ring("telnyx", { at: Date.now() - 6 * MINUTE }), "rejected_stale"],
  ["telnyx: signed 6 minutes ahead", "telnyx", () => ring("telnyx", { at: Date.now() + 6 * MINUTE }), "rejected_stale"],
  ["telnyx: a tampered body", "telnyx", async () => tampered(await ring("telnyx")), "rejected_signature"],
];

describe("a request that does not verify", () => {
  it.each(cases)("%s: 401, nothing written but its delivery record", async (_name, provider, build, outcome) => {
    const hook = hooks[provider];
    const before = await organizationCounts(t.organizationId);
    const error = await expectError(await deliver(await build()), 401, "unauthenticated");
    expect(error.message).toBe(REJECTED);
    const delivery = await latestDelivery(hook);
    expect(delivery).toMatchObject({ event: "", outcome, call_id: null });
    for (const secret of [hook.secret, hook.webhookSecret].filter(Boolean))
      expect(delivery.detail).not.toContain(secret);
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });

  it("a Twilio signature that does not match: the detail names the URL it was checked against", async () => {
    const query = "line=2";
    const signedUrl = `${BASE}${hooks.twilio.path}?line=1`;
    await deliver(await twilioRequest(hooks.twilio, twilioCall({ from: freshNumber() }), { query, signedUrl }));
    expect((await latestDelivery(hooks.twilio)).detail).toContain(`${BASE}${hooks.twilio.path}?${query}`);
  });

  it("on a URL that takes rings and transcripts alike, the record's kind is other; on a ring-only URL, ring", async () => {
    await deliver(await ring("retell", { secret: "x" }));
    expect(await latestDelivery(hooks.retell)).toMatchObject({ kind: "other" });
    await deliver(await ring("telnyx", { keyPair: await makeTelnyxKeyPair() }));
    expect(await latestDelivery(hooks.telnyx)).toMatchObject({ kind: "ring" });
    await deliver(await postCall({ secret: "x" }));
    expect(await latestDelivery(hooks.elevenlabs)).toMatchObject({ kind: "post_call" });
  });
});

describe("a rotated secret", () => {
  it.each(PROVIDERS)("%s: the old one fails at once, the new one works", async (provider) => {
    const old = await connect(t, provider);
    const rotated = await rotateSecret(old);
    const oldRing = await ringRequest(old, { from: freshNumber() });
    expect((await expectError(await deliver(oldRing), 401, "unauthenticated")).message).toBe(REJECTED);
    expect(
      (await variablesOf(provider, await deliver(await ringRequest(rotated, { from: freshNumber() })))).caller_status,
    ).toBe("identified");
  });

  it("elevenlabs: a new webhook_secret signs the post-call webhook from then on", async () => {
    const hook = await connect(t, "elevenlabs");
    const webhookSecret = `wsec_${crypto.randomUUID()}`;
    await expectJson(t.owner, "PUT", `/api/integrations/${hook.id}`, { webhook_secret: webhookSecret }, 200);
    const transcript = () =>
      elevenLabsTranscription({
        callId: `CA-${crypto.randomUUID()}`,
        from: freshNumber(),
        turns: [{ role: "user", message: "Hi" }],
      });
    await expectError(await deliver(await elevenLabsPostCallRequest(hook, transcript())), 401, "unauthenticated");
    const res = await deliver(await elevenLabsPostCallRequest(hook, transcript(), { secret: webhookSecret }));
    expect(res.status, await res.text()).toBe(200);
  });

  it("elevenlabs: without a webhook_secret, no post-call webhook verifies, and the detail says what to set", async () => {
    const hook = await connect(t, "elevenlabs");
    await expectJson(t.owner, "PUT", `/api/integrations/${hook.id}`, { webhook_secret: null }, 200);
    const transcript = elevenLabsTranscription({
      callId: `CA-${crypto.randomUUID()}`,
      from: freshNumber(),
      turns: [{ role: "user", message: "Hi" }],
    });
    // The old secret, and the empty key (HMAC pads a key with zeros: 64 zero bytes sign as the empty key does).
    for (const secret of [hook.webhookSecret!, "\u0000".repeat(64)]) {
      const res = await deliver(await elevenLabsPostCallRequest(hook, transcript, { secret }));
      expect((await expectError(res, 401, "unauthenticated")).message).toBe(REJECTED);
      expect((await latestDelivery(hook)).detail).toContain("webhook_secret");
    }
  });
});

describe("no such integration: 404, and no delivery record anywhere", () => {
  it("a deleted integration's webhooks", async () => {
    const hook = await connect(t, "retell");
    const signed = await retellRequest(hook, retellInbound({ from: freshNumber() }));
    await expectJson(t.owner, "DELETE", `/api/integrations/${hook.id}`, undefined, 204);
    const before = await organizationCounts(t.organizationId);
    await expectError(await deliver(signed), 404, "not_found");
    expect(await deliveryCount(hook)).toBe(0);
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });

  it("an unknown id, or one that is not an id at all", async () => {
    for (const id of [NO_SUCH_ID, "nope"]) {
      const res = await request(`/hooks/twilio/${id}`, { method: "POST", body: "From=%2B15551234567&CallSid=CA1" });
      await expectError(res, 404, "not_found");
    }
  });

  it("an integration's id under another provider's name, or an unknown provider", async () => {
    const hook = hooks.retell;
    const signed = await retellRequest(hook, retellInbound({ from: freshNumber() }));
    const before = await deliveryCount(hook);
    for (const provider of ["twilio", "vapi", "elevenlabs", "telnyx", "skype"]) {
      const res = await request(`/hooks/${provider}/${hook.id}`, {
        method: "POST",
        headers: signed.headers,
        body: signed.body,
      });
      await expectError(res, 404, "not_found");
    }
    expect(await deliveryCount(hook)).toBe(before);
  });

  it.each(["twilio", "retell", "vapi", "telnyx"] as const)(
    "a post-call URL for %s, which has none",
    async (provider) => {
      const hook = hooks[provider];
      const before = await deliveryCount(hook);
      const res = await request(`${hook.postCallPath}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      await expectError(res, 404, "not_found");
      expect(await deliveryCount(hook)).toBe(before);
    },
  );
});

describe("within their windows, for contrast: accepted", () => {
  it.each([
    ["retell signed 4 minutes ago", "retell", () => ring("retell", { at: Date.now() - 4 * MINUTE })],
    ["retell signed 4 minutes ahead", "retell", () => ring("retell", { at: Date.now() + 4 * MINUTE })],
    ["telnyx signed 4 minutes ago", "telnyx", () => ring("telnyx", { at: Date.now() - 4 * MINUTE })],
    ["telnyx signed 4 minutes ahead", "telnyx", () => ring("telnyx", { at: Date.now() + 4 * MINUTE })],
    ["elevenlabs post-call signed 29 minutes ago", "elevenlabs", () => postCall({ at: Date.now() - 29 * MINUTE })],
    ["elevenlabs post-call signed 4 minutes ahead", "elevenlabs", () => postCall({ at: Date.now() + 4 * MINUTE })],
  ] as const)("%s", async (_name, provider, build) => {
    const res = await deliver(await build());
    expect(res.status, await res.text()).toBe(200);
    expect(await latestDelivery(hooks[provider])).toMatchObject({ outcome: "accepted" });
  });
});
