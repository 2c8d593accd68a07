import { describe, expect, it } from "vitest";
import type { Verification, WebhookRequest } from "../../src/mods/integration/services/providers/provider";
import {
  verifyElevenLabsPostCall,
  verifyRetell,
  verifySharedSecret,
  verifyTelnyx,
  verifyTwilio,
} from "../../src/mods/integration/services/signatures";
import {
  makeTelnyxKeyPair,
  retellVerifies,
  signElevenLabs,
  signRetell,
  signTelnyx,
  signTwilio,
  type TwilioParams,
  telnyxVerifies,
  twilioForm,
  twilioValidates,
} from "../support/webhook-signer";

/*
 * Each verifier against the provider's official SDK (tools/webhook-signer.mjs): what the SDK signs
 * is accepted, and the verifier refuses what the SDK refuses, with the outcome the contract names.
 */

/** The request as the Worker sees it: `url` normalized by the runtime, the body's bytes. */
async function webhook(url: string, init: RequestInit = {}, now = Date.now()): Promise<WebhookRequest> {
  const request = new Request(url, { method: "POST", ...init });
  return {
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: new Uint8Array(await request.arrayBuffer()),
    now,
  };
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function expectRejected(
  verification: Verification,
  outcome: "rejected_signature" | "rejected_stale",
  ...secrets: string[]
) {
  expect(verification).toMatchObject({ ok: false, outcome });
  const { detail } = verification as { detail: string };
  for (const secret of secrets) expect(detail).not.toContain(secret);
  return detail;
}

describe("verifyTwilio", () => {
  const token = "twilio-auth-token-0123456789abcdef";
  const url = "https://api.example.com/hooks/twilio/int_1";
  const params = { CallSid: "CA123", From: "+14155552671", To: "+15551230000", StirVerstat: "TN-Validation-Passed-A" };

  const post = async (signedUrl: string, receivedUrl = signedUrl, body: TwilioParams = params) =>
    webhook(receivedUrl, {
      headers: { ...FORM, "x-twilio-signature": await signTwilio(token, signedUrl, body) },
      body: twilioForm(body),
    });

  it("accepts a form POST signed by twilio's SDK", async () => {
    expect(await verifyTwilio(await post(url), token)).toEqual({ ok: true });
    expect(await verifyTwilio(await post(`${url}?tenant=a&x=1`), token)).toEqual({ ok: true });
  });

  it("rejects a signature for another URL, naming the URL it checked", async () => {
    const cases = [
      ["http://api.example.com/hooks/twilio/int_1", url],
      [url, `${url}?x=1`],
      [`${url}?x=1`, `${url}?x=2`],
      ["https://api.example.com:8443/hooks/twilio/int_1", url],
      ["https://api.example.com:8443/hooks/twilio/int_1", "https://api.example.com:9443/hooks/twilio/int_1"],
      ["https://other.example.com/hooks/twilio/int_1", url],
      [url.replace("int_1", "int_2"), url],
    ] as const;
    for (const [signed, received] of cases) {
      const request = await post(signed, received);
      const detail = expectRejected(await verifyTwilio(request, token), "rejected_signature", token);
      expect(detail).toContain(
        `signature does not match for ${request.url}: check the webhook URL in Twilio's console`,
      );
      expect(await twilioValidates(token, request.headers.get("x-twilio-signature")!, received, params)).toBe(false);
    }
  });

  it("accepts, as the SDK does, a signature for the URL without its port, or with the scheme's default port", async () => {
    const cases = [
      [url, "https://api.example.com:8443/hooks/twilio/int_1"],
      ["https://api.example.com:443/hooks/twilio/int_1", url],
      ["http://api.example.com:80/hooks/twilio/int_1", "http://api.example.com/hooks/twilio/int_1"],
    ] as const;
    for (const [signed, received] of cases) {
      const request = await post(signed, received);
      expect(await verifyTwilio(request, token)).toEqual({ ok: true });
      expect(await twilioValidates(token, request.headers.get("x-twilio-signature")!, received, params)).toBe(true);
    }
  });

  it("rejects another Auth Token, a wrong or malformed signature, a missing header", async () => {
    expectRejected(await verifyTwilio(await post(url), "another-token"), "rejected_signature", token);
    const form = { headers: FORM, body: twilioForm(params) };
    const wrong = await signTwilio("another-token", url, params);
    for (const signature of [wrong, wrong.slice(0, -1), "not base64!", `${wrong}A`, wrong.toLowerCase()]) {
      const request = await webhook(url, { ...form, headers: { ...FORM, "x-twilio-signature": signature } });
      expectRejected(await verifyTwilio(request, token), "rejected_signature");
    }
    const detail = expectRejected(await verifyTwilio(await webhook(url, form), token), "rejected_signature");
    expect(detail).toContain("x-twilio-signature");
  });

  it("rejects a tampered body: a changed, added or removed parameter", async () => {
    const signature = await signTwilio(token, url, params);
    for (const body of [
      { ...params, From: "+14155550000" },
      { ...params, Extra: "1" },
      { CallSid: params.CallSid, To: params.To },
      { ...params, From: [params.From, "+14155550000"] },
    ]) {
      const request = await webhook(url, {
        headers: { ...FORM, "x-twilio-signature": signature },
        body: twilioForm(body),
      });
      expectRejected(await verifyTwilio(request, token), "rejected_signature");
    }
  });

  it("refuses a body Twilio did not sign (not a form), and checks the bodySHA256 variant", async () => {
    const json = JSON.stringify({ From: "+14155552671" });
    const signature = await signTwilio(token, url);
    const detail = expectRejected(
      await verifyTwilio(
        await webhook(url, {
          headers: { "content-type": "application/json", "x-twilio-signature": signature },
          body: json,
        }),
        token,
      ),
      "rejected_signature",
    );
    expect(detail).toContain("not a form");

    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(json)));
    const hashed = `${url}?bodySHA256=${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    const headers = { "content-type": "application/json", "x-twilio-signature": await signTwilio(token, hashed) };
    expect(await verifyTwilio(await webhook(hashed, { headers, body: json }), token)).toEqual({ ok: true });
    expectRejected(
      await verifyTwilio(await webhook(hashed, { headers, body: `${json} ` }), token),
      "rejected_signature",
    );
  });

  it("agrees with twilio's validateRequest on tricky cases", async () => {
    // valid: what both answer. The Worker sees the URL as the runtime normalizes it (Zoë: Zo%C3%AB).
    const cases: {
      name: string;
      signed: string;
      received?: string;
      params?: TwilioParams;
      method?: string;
      valid?: boolean;
    }[] = [
      { name: "repeated params", signed: url, params: { To: "+1555", Digits: ["9", "1", "9", "5"] } },
      { name: "unicode", signed: `${url}?name=Zo%C3%AB`, params: { CallerName: "José Müller 😀", Ünï: "ß" } },
      { name: "unicode URL signed unescaped", signed: `${url}?name=Zoë`, valid: false },
      { name: "empty values", signed: `${url}?empty=&flag`, params: { From: "", To: "", CallerName: "" } },
      { name: "special characters", signed: url, params: { a: "x&y=z+1 %41", "b c": "'\"<>" } },
      { name: "a port", signed: "https://api.example.com:8443/hooks/twilio/int_1?x=1", params },
      {
        name: "a GET with a query",
        signed: `${url}?CallSid=CA1&From=%2B14155552671&To=%2B1555&Caller=a+b`,
        method: "GET",
      },
      { name: "a GET quote signed raw, received escaped", signed: `${url}?n=O'Brien`, method: "GET" },
      // The SDK's last fallback re-encodes the query as Node's querystring does: integer-like keys first, ascending.
      { name: "integer-like keys, quote signed raw", signed: `${url}?b=1&10=x&2=y&a='`, method: "GET", valid: false },
      {
        name: "integer-like keys re-encoded",
        signed: `${url}?2=y&10=x&b=1&a='`,
        received: `${url}?b=1&10=x&2=y&a='`,
        method: "GET",
      },
      { name: "a malformed escape", signed: `${url}?a=%zz&b=%41`, method: "GET" },
      { name: "another URL", signed: `${url}?x=1`, received: `${url}?x=2`, params, valid: false },
    ];
    for (const { name, signed, received = signed, params: body = {}, method = "POST", valid = true } of cases) {
      const signature = await signTwilio(token, signed, body);
      const hasBody = method === "POST" && Object.keys(body).length > 0;
      const request = await webhook(received, {
        method,
        headers: { ...(hasBody ? FORM : {}), "x-twilio-signature": signature },
        body: hasBody ? twilioForm(body) : undefined,
      });
      expect(await twilioValidates(token, signature, request.url, body), `${name}: twilio`).toBe(valid);
      expect((await verifyTwilio(request, token)).ok, `${name}: ours`).toBe(valid);
    }
  });
});

describe("verifyRetell", () => {
  const apiKey = "key_retell_0123456789abcdef";
  const body = JSON.stringify({
    event: "call_inbound",
    call_inbound: { from_number: "+14155552671", to_number: "+1555" },
  });
  const request = async (signature: string | null, content = body, now = Date.now()) =>
    webhook(
      "https://api.example.com/hooks/retell/int_1",
      {
        headers: {
          "content-type": "application/json",
          ...(signature === null ? {} : { "x-retell-signature": signature }),
        },
        body: content,
      },
      now,
    );

  it("accepts what Retell.sign signs, now or 4 minutes either side", async () => {
    for (const offset of [undefined, -4 * 60_000, 4 * 60_000]) {
      const signature = await signRetell(body, apiKey, offset === undefined ? undefined : Date.now() + offset);
      expect(signature).toMatch(/^v=\d{13},d=[0-9a-f]{64}$/);
      expect(await verifyRetell(await request(signature), apiKey)).toEqual({ ok: true });
      expect(await retellVerifies(body, apiKey, signature)).toBe(true);
    }
  });

  it("rejects a timestamp over 5 minutes old or ahead as stale, as Retell.verify refuses it", async () => {
    for (const offset of [-6 * 60_000, 6 * 60_000, -86_400_000]) {
      const signature = await signRetell(body, apiKey, Date.now() + offset);
      expectRejected(await verifyRetell(await request(signature), apiKey), "rejected_stale", apiKey);
      expect(await retellVerifies(body, apiKey, signature)).toBe(false);
    }
  });

  it("rejects another key, a tampered body, a malformed or missing signature", async () => {
    const signature = await signRetell(body, apiKey);
    expectRejected(await verifyRetell(await request(signature), "key_other"), "rejected_signature", apiKey);
    expectRejected(
      await verifyRetell(await request(signature, body.replace("+1555", "+1556")), apiKey),
      "rejected_signature",
    );
    const timestamp = /v=(\d+)/.exec(signature)![1]!;
    for (const malformed of [
      signature.replace(`v=${timestamp}`, `v=${Number(timestamp) + 1}`),
      signature.slice(0, -2),
      signature.replace(",", ", "),
      `d=${signature.split("d=")[1]},v=${timestamp}`,
      "garbage",
    ]) {
      expectRejected(await verifyRetell(await request(malformed), apiKey), "rejected_signature");
      expect(await retellVerifies(body, apiKey, malformed)).toBe(false);
    }
    const detail = expectRejected(await verifyRetell(await request(null), apiKey), "rejected_signature");
    expect(detail).toContain("x-retell-signature");
  });
});

describe("verifySharedSecret", () => {
  const secret = "vapi-server-secret-0123456789";
  const request = (headers: Record<string, string>) =>
    webhook("https://api.example.com/hooks/vapi/int_1", { headers, body: "{}" });

  it("accepts the secret in its header or as a bearer token", async () => {
    expect(await verifySharedSecret(await request({ "x-vapi-secret": secret }), secret, "x-vapi-secret")).toEqual({
      ok: true,
    });
    expect(
      await verifySharedSecret(await request({ authorization: `Bearer ${secret}` }), secret, "x-vapi-secret"),
    ).toEqual({ ok: true });
    expect(await verifySharedSecret(await request({ "x-webhook-secret": secret }), secret, "x-webhook-secret")).toEqual(
      { ok: true },
    );
  });

  it("rejects another secret, a prefix of it, the wrong header, none", async () => {
    const wrong: Record<string, string>[] = [
      { "x-vapi-secret": "another" },
      { "x-vapi-secret": secret.slice(0, -1) },
      { "x-vapi-secret": `${secret}x` },
      { authorization: `Basic ${secret}` },
      { authorization: "Bearer another" },
    ];
    for (const headers of wrong) {
      expectRejected(
        await verifySharedSecret(await request(headers), secret, "x-vapi-secret"),
        "rejected_signature",
        secret,
      );
    }
    const none: Record<string, string>[] = [{}, { "x-webhook-secret": secret }, { "x-vapi-secret": "" }];
    for (const headers of none) {
      const detail = expectRejected(
        await verifySharedSecret(await request(headers), secret, "x-vapi-secret"),
        "rejected_signature",
        secret,
      );
      expect(detail).toContain("x-vapi-secret");
    }
  });
});

describe("verifyElevenLabsPostCall", () => {
  const secret = "wsec_elevenlabs_0123456789";
  const body = JSON.stringify({
    type: "post_call_transcription",
    data: { transcript: [{ role: "user", message: "Hi, é" }] },
  });
  const now = Math.floor(Date.now() / 1000);
  const request = (signature: string | null, content = body) =>
    webhook("https://api.example.com/hooks/elevenlabs/int_1/post-call", {
      headers: signature === null ? {} : { "elevenlabs-signature": signature },
      body: content,
    });

  it("accepts a signature made per ElevenLabs' algorithm, up to 30 minutes old", async () => {
    for (const t of [now, now - 29 * 60]) {
      expect(await verifyElevenLabsPostCall(await request(await signElevenLabs(body, secret, t)), secret)).toEqual({
        ok: true,
      });
    }
  });

  it("rejects a signature over 30 minutes old as stale", async () => {
    const signature = await signElevenLabs(body, secret, now - 31 * 60);
    expectRejected(await verifyElevenLabsPostCall(await request(signature), secret), "rejected_stale", secret);
  });

  it("accepts up to 5 minutes ahead; beyond that is stale, as the contract says (the SDK sets no limit ahead)", async () => {
    const ahead = await signElevenLabs(body, secret, now + 4 * 60);
    expect(await verifyElevenLabsPostCall(await request(ahead), secret)).toEqual({ ok: true });
    const future = await signElevenLabs(body, secret, now + 6 * 60);
    expectRejected(await verifyElevenLabsPostCall(await request(future), secret), "rejected_stale", secret);
  });

  it("rejects another secret, a tampered body, a malformed or missing signature", async () => {
    const signature = await signElevenLabs(body, secret, now);
    expectRejected(
      await verifyElevenLabsPostCall(await request(await signElevenLabs(body, "other", now)), secret),
      "rejected_signature",
      secret,
    );
    expectRejected(await verifyElevenLabsPostCall(await request(signature, `${body} `), secret), "rejected_signature");
    for (const malformed of [
      signature.replace(`t=${now}`, `t=${now - 1}`),
      signature.toUpperCase(),
      signature.replace(",", ", "),
      signature.replace("v0=", "v1="),
      signature.slice(0, -1),
    ]) {
      expectRejected(await verifyElevenLabsPostCall(await request(malformed), secret), "rejected_signature");
    }
    const detail = expectRejected(await verifyElevenLabsPostCall(await request(null), secret), "rejected_signature");
    expect(detail).toContain("elevenlabs-signature");
  });
});

describe("verifyTelnyx", () => {
  const body = JSON.stringify({
    data: { event_type: "call.initiated", payload: { from: "+14155552671", direction: "incoming" } },
  });
  const request = (headers: Record<string, string>, content = body) =>
    webhook("https://api.example.com/hooks/telnyx/int_1", {
      headers: { "content-type": "application/json", ...headers },
      body: content,
    });

  it("accepts a signature the telnyx SDK's verifier accepts too", async () => {
    const keys = await makeTelnyxKeyPair();
    const headers = await signTelnyx(keys, body);
    expect(await verifyTelnyx(await request(headers), keys.publicKey)).toEqual({ ok: true });
    expect(await telnyxVerifies(body, headers, keys.publicKey)).toEqual({ valid: true });
    const fourMinutesAgo = await signTelnyx(keys, body, String(Math.floor(Date.now() / 1000) - 240));
    expect(await verifyTelnyx(await request(fourMinutesAgo), keys.publicKey)).toEqual({ ok: true });
    expect(await telnyxVerifies(body, fourMinutesAgo, keys.publicKey)).toEqual({ valid: true });
  });

  it("rejects a timestamp over 5 minutes old or ahead as stale, as the SDK does", async () => {
    const keys = await makeTelnyxKeyPair();
    for (const offset of [-360, 360]) {
      const headers = await signTelnyx(keys, body, String(Math.floor(Date.now() / 1000) + offset));
      expectRejected(await verifyTelnyx(await request(headers), keys.publicKey), "rejected_stale");
      expect((await telnyxVerifies(body, headers, keys.publicKey)).valid).toBe(false);
    }
  });

  it("rejects another key, a tampered body or timestamp, a missing header", async () => {
    const keys = await makeTelnyxKeyPair();
    const other = await makeTelnyxKeyPair();
    const headers = await signTelnyx(keys, body);
    expectRejected(await verifyTelnyx(await request(headers), other.publicKey), "rejected_signature");
    expect((await telnyxVerifies(body, headers, other.publicKey)).valid).toBe(false);
    expectRejected(await verifyTelnyx(await request(headers, `${body} `), keys.publicKey), "rejected_signature");
    const moved = { ...headers, "telnyx-timestamp": String(Number(headers["telnyx-timestamp"]) - 1) };
    expectRejected(await verifyTelnyx(await request(moved), keys.publicKey), "rejected_signature");
    expect((await telnyxVerifies(body, moved, keys.publicKey)).valid).toBe(false);
    for (const missing of ["telnyx-signature-ed25519", "telnyx-timestamp"] as const) {
      const { [missing]: _, ...rest } = headers;
      const detail = expectRejected(await verifyTelnyx(await request(rest), keys.publicKey), "rejected_signature");
      expect(detail).toContain(missing);
    }
  });

  it("rejects a malformed key or signature without throwing", async () => {
    const keys = await makeTelnyxKeyPair();
    const headers = await signTelnyx(keys, body);
    for (const key of [
      "",
      "not base64!",
      keys.publicKey.replace(/=+$/, ""),
      btoa("x".repeat(31)),
      btoa("\0".repeat(32)),
    ]) {
      expectRejected(await verifyTelnyx(await request(headers), key), "rejected_signature");
    }
    const signature = headers["telnyx-signature-ed25519"];
    for (const bad of [signature.slice(4), `${signature}AAAA`, "%%%%", signature.replace(/=+$/, "")]) {
      const tampered = { ...headers, "telnyx-signature-ed25519": bad };
      expectRejected(await verifyTelnyx(await request(tampered), keys.publicKey), "rejected_signature");
      expect((await telnyxVerifies(body, tampered, keys.publicKey)).valid).toBe(false);
    }
  });
});
