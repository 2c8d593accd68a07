import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ENRICHMENTS_PER_HOUR } from "../../src/mods/enrichment/services/enrichment-budget";
import { expectRequeued, expectTranscribed, settled } from "../support/enrichment-helpers";
import {
  expectError,
  expectIssue,
  expectNewStubCall,
  expectStatus,
  getCall,
  newTenant,
  request,
  type Tenant,
  transcribe,
} from "../support/helpers";

/*
 * POST /api/calls/{id}/enrich takes no body: none, an empty one, or `{}` as JSON; a body of
 * another content type is a 415 (found: it accepted any). And one call is queued for enrichment
 * at most MAX_ENRICHMENTS_PER_HOUR times an hour, by this route and by transcriptions together:
 * past that, a 429 with retry-after (found: a call could be re-queued without limit, each time
 * a model request).
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

const enrichPath = (callId: string) => `/api/calls/${callId}/enrich`;

/** POST /enrich as the organization's key, with this body and content type (or none). */
const enrich = (callId: string, body?: string, contentType?: string) =>
  request(enrichPath(callId), {
    method: "POST",
    headers: { ...a.key.headers, ...(contentType && { "content-type": contentType }) },
    body,
  });

describe("POST /api/calls/{id}/enrich: no body", () => {
  it.each([
    ["no body", undefined, undefined],
    ["an empty body", "", undefined],
    ["an empty JSON body", "", "application/json"],
    ["an empty text body", "", "text/plain"],
    ["{} as JSON", "{}", "application/json"],
    ["{ } as JSON with a charset", " { } ", "application/json; charset=utf-8"],
  ])("%s is fine", async (_what, body, contentType) => {
    const call = await expectNewStubCall(a.key);
    expect(await expectStatus(await enrich(call.call_id, body, contentType), 202)).toEqual({
      call_id: call.call_id,
      enrichment: "queued",
    });
  });

  it.each([
    ["text", "please enrich", "text/plain"],
    ["a form", "call=1", "application/x-www-form-urlencoded"],
    ["a body without a content type", "{}", undefined],
  ])("%s is a 415 that queues nothing", async (_what, body, contentType) => {
    const call = await expectNewStubCall(a.key);
    await expectError(await enrich(call.call_id, body, contentType), 415, "unsupported_media_type");
    expect((await getCall(a.key, call.call_id)).enrichment_status).toBeNull();
  });

  it("JSON with a field is a 400 at that field; JSON that is not an object, or not JSON, a 400", async () => {
    const call = await expectNewStubCall(a.key);
    await expectIssue(await enrich(call.call_id, '{"force":true}', "application/json"), ["force"]);
    await expectIssue(await enrich(call.call_id, "[]", "application/json"), []);
    await expectIssue(await enrich(call.call_id, "{nope", "application/json"), []);
    expect((await getCall(a.key, call.call_id)).enrichment_status).toBeNull();
  });

  it("a large body is a 413, not read whole", async () => {
    const call = await expectNewStubCall(a.key);
    await expectError(await enrich(call.call_id, " ".repeat(100_000), "application/json"), 413, "payload_too_large");
  });

  it("credentials come first: without them any body is a 401", async () => {
    const call = await expectNewStubCall(a.key);
    const res = await request(enrichPath(call.call_id), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    await expectError(res, 401, "unauthenticated");
  });
});

describe(`at most ${MAX_ENRICHMENTS_PER_HOUR} enrichments of a call an hour`, () => {
  /** Moves the call's window an hour (and a second) into the past, as if that hour had gone by. */
  const anHourLater = (callId: string) =>
    env.DB.prepare("UPDATE call SET enrichment_window_start = enrichment_window_start - 3601000 WHERE id = ?")
      .bind(callId)
      .run();

  it("the next one is a 429 with retry-after; after the hour it is queued again", async () => {
    const call = await expectNewStubCall(a.key);
    for (let i = 0; i < MAX_ENRICHMENTS_PER_HOUR; i++) await expectRequeued(a.key, call.call_id);
    const before = await settled(a.key, call.call_id);
    const res = await enrich(call.call_id);
    const retryAfter = Number(res.headers.get("retry-after"));
    const error = await expectError(res, 429, "rate_limited");
    expect(error.message).toContain(String(MAX_ENRICHMENTS_PER_HOUR));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await getCall(a.key, call.call_id)).toEqual(before);

    await anHourLater(call.call_id);
    await expectRequeued(a.key, call.call_id);
  });

  it("transcriptions that queue the call count too: over the budget one is a 429 and saves nothing", async () => {
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, "Agent: Hello? Caller: Hi, first draft.");
    for (let i = 1; i < MAX_ENRICHMENTS_PER_HOUR; i++) await expectRequeued(a.key, call.call_id);
    await settled(a.key, call.call_id);
    await expectError(await transcribe(a.key, call.call_id, "a second draft"), 429, "rate_limited");
    await expectError(await enrich(call.call_id), 429, "rate_limited");
    expect((await getCall(a.key, call.call_id)).transcription).toBe("Agent: Hello? Caller: Hi, first draft.");
  });

  it("concurrent requests cannot pass it", async () => {
    const call = await expectNewStubCall(a.key);
    const answers = await Promise.all(Array.from({ length: MAX_ENRICHMENTS_PER_HOUR + 3 }, () => enrich(call.call_id)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(MAX_ENRICHMENTS_PER_HOUR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it("is counted per call: another call of the organization is not held up", async () => {
    const [spent, other] = [await expectNewStubCall(a.key), await expectNewStubCall(a.key)];
    for (let i = 0; i < MAX_ENRICHMENTS_PER_HOUR; i++) await expectRequeued(a.key, spent.call_id);
    await expectError(await enrich(spent.call_id), 429, "rate_limited");
    await expectRequeued(a.key, other.call_id);
  });

  it("another organization's call is a 404, whatever its budget", async () => {
    const call = await expectNewStubCall(a.key);
    for (let i = 0; i < MAX_ENRICHMENTS_PER_HOUR; i++) await expectRequeued(a.key, call.call_id);
    const res = await request(enrichPath(call.call_id), { method: "POST", headers: b.key.headers });
    await expectError(res, 404, "not_found");
  });
});
