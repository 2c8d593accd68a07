import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  apiError,
  expectRequeued,
  expectTranscribed,
  newToken,
  requestsFor,
  responseOf,
  type Step,
  scenario,
  settled,
  transcriptWith,
} from "../support/enrichment-helpers";
import { expectNewStubCall, getCall, getContact, newTenant, type Tenant } from "../support/helpers";

/*
 * Enrichment faults end to end, over the real local queue (vitest.config.ts: maxRetries 3, retry
 * base delay 0 s, a dead-letter queue): rate limits and 5xx are retried, then dead-lettered and
 * `failed`; requests the API refuses for good, refusals and broken output fail at once, with one
 * model request; a failed call can be enriched again. Each test scripts the fake OpenAI
 * (tools/fake-openai.mjs) with a token of its own in its transcript.
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

/** The enrichment queue's max_retries (wrangler.enrichment.jsonc): a message is tried 1 + that many times. */
const MAX_RETRIES = Number(env.TEST_ENRICHMENT_MAX_RETRIES);

const ADA = answer({ first_name: "Ada", last_name: "Lovelace", email: null });
const ADA_TALKS = "Caller: Hi, this is Ada Lovelace.";

describe("retried: rate limits and server errors", { timeout: 45_000 }, () => {
  it("a 429 with retry-after: 1, then success: two requests at least a second apart, done", async () => {
    const token = newToken();
    await scenario(token, apiError(429, "requests", "rate_limit_exceeded", { "retry-after": "1" }), { body: ADA });
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });

    const received = await requestsFor(token);
    expect(received).toHaveLength(2);
    const [first, second] = received.map((r) => r.receivedAt) as [number, number];
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
  });

  it("a model that does not answer in time (OPENAI_TIMEOUT_SECONDS, 2 s here) is retried, then done", async () => {
    const token = newToken();
    await scenario(token, { hang: true }, { body: ADA });
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    const [first, second] = (await requestsFor(token)).map((r) => r.receivedAt) as [number, number];
    expect(second - first).toBeGreaterThanOrEqual(1900);
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
  });

  it("a 503 then success: retried, done", async () => {
    const token = newToken();
    await scenario(token, apiError(503, "server_error"), { body: ADA });
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    expect(await requestsFor(token)).toHaveLength(2);
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ first_name: "Ada" });
  });

  it("while it waits for a retry, the call stays queued with the last failure noted", async () => {
    const token = newToken();
    await scenario(token, apiError(429, "requests", "rate_limit_exceeded", { "retry-after": "3" }), { body: ADA });
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    await expect.poll(async () => (await requestsFor(token)).length, { timeout: 15_000, interval: 200 }).toBe(1);
    await expect
      .poll(async () => (await getCall(a.key, call.call_id)).enrichment_error, { timeout: 15_000, interval: 200 })
      .toEqual(expect.stringContaining("429"));
    expect((await getCall(a.key, call.call_id)).enrichment_status).toBe("queued");
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
  });

  it("500 every time: 1 + maxRetries requests, then the dead-letter queue marks it failed; enriched again, it is done", async () => {
    const token = newToken();
    await scenario(token, apiError(500, "server_error"));
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    const failed = await settled(a.key, call.call_id, 25_000);
    expect(failed.enrichment_status).toBe("failed");
    expect(failed.enrichment_error).toMatch(/500/);
    expect(failed.enrichment_error).toMatch(/retries/);
    expect(await requestsFor(token)).toHaveLength(1 + MAX_RETRIES);
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ is_stub: true, enriched_at: null });

    // Nothing is lost: once the model answers again, asking again enriches the contact.
    await scenario(token, { body: ADA });
    expect(await expectRequeued(a.key, call.call_id)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(await getCall(a.key, call.call_id)).toMatchObject({ enrichment_status: "queued", enrichment_error: null });
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    expect(await requestsFor(token)).toHaveLength(2 + MAX_RETRIES);
    expect(await getContact(a.key, call.contact.id)).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      enriched_from_call_id: call.call_id,
    });
  });
});

const refusal = responseOf([{ type: "refusal", refusal: "I can't help with identifying people." }]);
const truncated = {
  ...responseOf([]),
  status: "incomplete",
  incomplete_details: { reason: "max_output_tokens" },
  output: [],
};

const failsAtOnce: [string, Step, RegExp][] = [
  ["a 400", apiError(400, "invalid_request_error"), /400/],
  ["a 401", apiError(401, "invalid_request_error", "invalid_api_key"), /401/],
  ["a 403", apiError(403, "invalid_request_error", "unsupported_country_region_territory"), /403/],
  [
    "a 429 for an exhausted quota",
    { ...apiError(429, "insufficient_quota", "insufficient_quota"), headers: { "retry-after": "1" } },
    /quota/,
  ],
  ["a refusal", { body: refusal }, /refused/],
  ["output that is not JSON", { body: answer("The caller is Ada Lovelace.") }, /not JSON/],
  ["output without last_name", { body: answer({ first_name: "Ada", email: null }) }, /schema/],
  [
    "output with an extra field",
    { body: answer({ first_name: "Ada", last_name: "Lovelace", email: null, phone: "+15551234567" }) },
    /schema/,
  ],
  [
    "output whose first_name is a number",
    { body: answer({ first_name: 42, last_name: "Lovelace", email: null }) },
    /schema/,
  ],
  ["output whose email is missing", { body: answer({ first_name: "Ada", last_name: "Lovelace" }) }, /schema/],
  ["output cut short at max_output_tokens", { body: truncated }, /max_output_tokens/],
];

describe("failed at once, with one model request", { timeout: 30_000 }, () => {
  it.each(failsAtOnce)("%s", async (_what, step, reason) => {
    const token = newToken();
    await scenario(token, step);
    const call = await expectNewStubCall(a.key);
    const before = await getContact(a.key, call.contact.id);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    const failed = await settled(a.key, call.call_id);
    expect(failed.enrichment_status).toBe("failed");
    expect(failed.enrichment_error).toMatch(reason);
    expect(failed.enrichment_error).not.toMatch(/retries/);
    expect(await requestsFor(token)).toHaveLength(1);
    expect(await getContact(a.key, call.contact.id)).toEqual(before);
  });

  it("a call that failed for good is enriched once asked again", async () => {
    const token = newToken();
    await scenario(token, apiError(401, "invalid_request_error", "invalid_api_key"));
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "failed" });
    await scenario(token, { body: ADA });
    expect(await expectRequeued(a.key, call.call_id)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    expect(await requestsFor(token)).toHaveLength(2);
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
  });

  it("a failed call whose transcription is sent again is queued again", async () => {
    const token = newToken();
    await scenario(token, { body: answer("not json") });
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "failed" });
    await scenario(token, { body: ADA });
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ first_name: "Ada" });
  });
});
