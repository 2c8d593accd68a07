import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnrichmentMessage } from "../../src/mods/enrichment/types/enrichment-message";
import { recordDelivery } from "../../src/mods/integration/services/deliveries";
import { countingD1 } from "../support/d1-counter";
import {
  expectError,
  expectJson,
  expectStatus,
  freshCallId,
  freshNumber,
  getCall,
  newTenant,
  send,
  type Tenant,
} from "../support/helpers";
import {
  connect,
  type DeliveryRecord,
  deliver,
  deliveriesOnceWritten,
  deliveriesPage,
  deliverWithBindings,
  deliveryCount,
  elevenLabsInitiation,
  elevenLabsPostCallRequest,
  elevenLabsRingRequest,
  elevenLabsTranscription,
  type Hook,
  type HookRequest,
  latestDelivery,
  organizationCounts,
  RawBody,
  retellCallEvent,
  retellInbound,
  retellRequest,
  telnyxAssistantInitialization,
  telnyxRequest,
  twilioCall,
  twilioRequest,
  vapiAssistantRequest,
  vapiEndOfCall,
  vapiRequest,
  variablesOf,
} from "../support/webhook-helpers";

/*
 * What webhook requests leave behind: exactly one delivery record each, read newest first and
 * keyset-paged, never holding a secret or a transcript, the latest 200 kept; and the bodies that
 * are refused before or after the signature (too large: 413; not the provider's format: 400).
 */

let t: Tenant;
let retell: Hook;
let vapi: Hook;
let elevenlabs: Hook;
let telnyx: Hook;
let twilio: Hook;

beforeAll(async () => {
  t = await newTenant();
  const connected = await Promise.all(
    (["retell", "vapi", "elevenlabs", "telnyx", "twilio"] as const).map((provider) => connect(t, provider)),
  );
  [retell, vapi, elevenlabs, telnyx, twilio] = connected as [Hook, Hook, Hook, Hook, Hook];
});

const KiB = 1024;
const MiB = 1024 * KiB;

/** The payload with a padding field that makes its JSON exactly `bytes` long. */
function padded<T extends object>(payload: T, bytes: number): T {
  const length = JSON.stringify({ ...payload, padding: "" }).length;
  return { ...payload, padding: "x".repeat(bytes - length) };
}

describe("bodies", () => {
  it.each([
    [
      "the Twilio ring",
      () => twilioRequest(twilio, { ...twilioCall({ from: freshNumber() }), Padding: "x".repeat(64 * KiB) }),
    ],
    [
      "the ElevenLabs ring",
      () => elevenLabsRingRequest(elevenlabs, padded(elevenLabsInitiation({ from: freshNumber() }), 64 * KiB + 1)),
    ],
    [
      "the Telnyx ring",
      () => telnyxRequest(telnyx, padded(telnyxAssistantInitialization({ from: freshNumber() }), 64 * KiB + 1)),
    ],
    ["Retell's URL", () => retellRequest(retell, padded(retellInbound({ from: freshNumber() }), MiB + 1))],
    ["Vapi's URL", () => vapiRequest(vapi, padded(vapiAssistantRequest({ from: freshNumber() }), MiB + 1))],
    [
      "the ElevenLabs post-call URL",
      () =>
        elevenLabsPostCallRequest(
          elevenlabs,
          padded(elevenLabsTranscription({ callId: freshCallId(), from: freshNumber(), turns: [] }), MiB + 1),
        ),
    ],
  ])("over its limit on %s: 413, recorded as invalid, nothing else written", async (_name, build) => {
    const request = await build();
    const before = await organizationCounts(t.organizationId);
    await expectError(await deliver(request), 413, "payload_too_large");
    expect(await latestDelivery(request.hook)).toMatchObject({ outcome: "invalid", call_id: null });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });

  it("the URLs that take transcripts read up to 1 MiB", async () => {
    const ring = padded(vapiAssistantRequest({ from: freshNumber() }), MiB);
    expect((await variablesOf("vapi", await deliver(await vapiRequest(vapi, ring)))).caller_status).toBe("identified");
    const retellRing = padded(retellInbound({ from: freshNumber() }), 100 * KiB);
    expect((await variablesOf("retell", await deliver(await retellRequest(retell, retellRing)))).caller_status).toBe(
      "identified",
    );
  });

  it.each([
    ["Retell: not JSON", () => retellRequest(retell, new RawBody('{"event": "call_inbound", '))],
    ["Vapi: not JSON", () => vapiRequest(vapi, new RawBody("message=assistant-request"))],
    ["Vapi: no message type", () => vapiRequest(vapi, { message: { call: { id: "x" } } })],
    [
      "Vapi: a transcript with neither a call id nor a caller",
      () => vapiRequest(vapi, { message: { type: "end-of-call-report", artifact: { transcript: "AI: Hi." } } }),
    ],
    ["the ElevenLabs ring: not JSON", () => elevenLabsRingRequest(elevenlabs, new RawBody("caller_id=+15551234567"))],
    ["ElevenLabs post-call: not JSON", () => elevenLabsPostCallRequest(elevenlabs, new RawBody("{]"))],
    ["Telnyx: not JSON", () => telnyxRequest(telnyx, new RawBody("null,"))],
    ["Telnyx: no event type", () => telnyxRequest(telnyx, { data: { payload: {} } })],
    ["Twilio: no CallSid", () => twilioRequest(twilio, { From: freshNumber(), To: "+15557654321" })],
  ])("signed but malformed, %s: 400, recorded as invalid, nothing written", async (_name, build) => {
    const request = await build();
    const before = await organizationCounts(t.organizationId);
    await expectError(await deliver(request), 400, "validation_failed");
    expect(await latestDelivery(request.hook)).toMatchObject({ outcome: "invalid", call_id: null });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });
});

describe("delivery records", () => {
  it("every request that reaches the integration leaves exactly one, whatever became of it", async () => {
    const hook = await connect(t, "retell");
    const callId = freshCallId();
    const ring = () => retellRequest(hook, retellInbound({ from: freshNumber(), callId }));
    const requests: [string, HookRequest][] = [
      ["accepted", await ring()],
      ["duplicate", await ring()],
      ["rejected_signature", await retellRequest(hook, retellInbound({ from: freshNumber() }), { secret: "x" })],
      [
        "rejected_stale",
        await retellRequest(hook, retellInbound({ from: freshNumber() }), { at: Date.now() - 3_600_000 }),
      ],
      ["invalid", await retellRequest(hook, new RawBody("{"))],
      ["invalid", await retellRequest(hook, padded(retellInbound({ from: freshNumber() }), MiB + 1))],
      ["ignored", await retellRequest(hook, { event: "call_started", call: { call_id: callId } })],
    ];
    for (const [, request] of requests) await deliver(request);
    const records = await deliveriesOnceWritten(hook);
    // Written after the answers, their order among themselves is not the point: their number is.
    expect(records.map((r) => r.outcome).sort()).toEqual(requests.map(([outcome]) => outcome).sort());
    // None comes late either.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await deliveryCount(hook)).toBe(requests.length);
  });

  it("are read newest first, keyset-paged", async () => {
    const hook = await connect(t, "vapi");
    // Each one written before the next is sent: their order is the order sent.
    for (const n of [1, 2, 3, 4, 5]) {
      await deliver(await vapiRequest(hook, { message: { type: `event-${n}` } }));
      await deliveriesOnceWritten(hook);
    }
    const events = (page: { data: DeliveryRecord[] }) => page.data.map((d) => d.event);
    const first = await deliveriesPage(hook, "?limit=2");
    expect(events(first)).toEqual(["event-5", "event-4"]);
    const second = await deliveriesPage(hook, `?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(events(second)).toEqual(["event-3", "event-2"]);
    const last = await deliveriesPage(hook, `?limit=2&cursor=${encodeURIComponent(second.next_cursor!)}`);
    expect(events(last)).toEqual(["event-1"]);
    expect(last.next_cursor).toBeNull();
    expect(first.data[0]).toEqual({
      id: expect.any(String),
      received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      kind: "other",
      event: "event-5",
      outcome: "ignored",
      detail: expect.any(String),
      call_id: null,
    });
  });

  it("never hold a secret or a transcript", async () => {
    const hook = await connect(t, "elevenlabs");
    const phrase = `my account number is ${crypto.randomUUID()}`;
    const wrongSecret = `wrong-${crypto.randomUUID()}`;
    const callId = freshCallId();
    const from = freshNumber();
    const transcript = elevenLabsTranscription({ callId, from, turns: [{ role: "user", message: phrase }] });
    for (const request of [
      await elevenLabsRingRequest(hook, elevenLabsInitiation({ from, callId })),
      await elevenLabsRingRequest(hook, elevenLabsInitiation({ from }), { secret: wrongSecret }),
      await elevenLabsRingRequest(hook, elevenLabsInitiation({ from }), { secret: wrongSecret, via: "bearer" }),
      await elevenLabsPostCallRequest(hook, transcript),
      await elevenLabsPostCallRequest(hook, transcript),
      await elevenLabsPostCallRequest(hook, transcript, { secret: wrongSecret }),
      await elevenLabsPostCallRequest(hook, transcript, { secret: hook.secret }),
    ]) {
      await deliver(request);
    }
    const records = JSON.stringify(await deliveriesOnceWritten(hook));
    expect(records).toContain("accepted");
    for (const secret of [hook.secret, hook.webhookSecret!, wrongSecret, phrase]) expect(records).not.toContain(secret);
  });

  it("the latest 200 are kept, the older pruned (with every 20th record, so at most 20 more stay)", async () => {
    const hook = await connect(t, "twilio");
    const unsigned = { hook, method: "POST" as const, path: hook.path, headers: {}, body: "" };
    // Five that are told apart by their detail (a signature that does not match), then 215 without
    // one: the prune with the 220th record keeps the 200 newest.
    for (let i = 0; i < 5; i++)
      await deliver({ ...unsigned, headers: { "x-twilio-signature": "bm90IGEgc2lnbmF0dXJlIQ==" } });
    await deliveriesOnceWritten(hook);
    for (let batch = 0; batch < 11; batch++) {
      const size = batch < 10 ? 20 : 15;
      await Promise.all(Array.from({ length: size }, () => deliver(unsigned).then((res) => res.body?.cancel())));
    }
    const oldest = () =>
      expectJson(t.owner, "GET", `/api/integrations/${hook.id}/deliveries?limit=200`, undefined, 200).then(
        (page) => page.data.filter((d: DeliveryRecord) => d.detail.includes("does not match")).length,
      );
    await expect.poll(oldest, { timeout: 10_000, interval: 50 }).toBe(0);
    // 200 kept, and any of the last records written after the prune's batch.
    const count = await deliveryCount(hook);
    expect(count).toBeGreaterThanOrEqual(200);
    expect(count).toBeLessThan(200 + 20);
    expect((await deliveriesPage(hook, "?limit=200")).data).toHaveLength(200);
  });

  it("the records of concurrent webhooks are written together: every one, in fewer writes than requests", async () => {
    const hook = await connect(t, "twilio");
    await (await deliverWithBindings({}, await twilioRequest(hook, twilioCall({ from: freshNumber() })))).settled;
    const { db, counter } = countingD1(env.DB);
    const requests = await Promise.all(
      Array.from({ length: 20 }, () => twilioRequest(hook, twilioCall({ from: freshNumber() }))),
    );
    const sent = await Promise.all(requests.map((r) => deliverWithBindings({ DB: db }, r)));
    for (const { res } of sent) expect(res.status).toBe(200);
    await Promise.all(sent.map(({ settled }) => settled));
    expect(await deliveriesOnceWritten(hook)).toHaveLength(21);
    // One batch per ring (the isolate holds the integration), the rest the records' writes.
    const recordWrites = counter.roundTrips - 20;
    expect(recordWrites).toBeGreaterThanOrEqual(1);
    expect(recordWrites).toBeLessThan(20);
  });

  it("a record whose integration was deleted before its write is dropped; those written with it are kept", async () => {
    const [kept, deleted] = [await connect(t, "twilio"), await connect(t, "twilio")];
    await expectStatus(await send(t.owner, "DELETE", `/api/integrations/${deleted.id}`), 204);
    const record = (id: string) =>
      recordDelivery(env.DB, id, { kind: "ring", event: "", outcome: "accepted", detail: "test", callId: null });
    // The first starts a write of its own; the next two wait for the following one, together.
    const written = record(kept.id);
    await Promise.all([record(deleted.id), record(kept.id), written]);
    expect(await deliveryCount(kept)).toBe(2);
    expect(await deliveryCount(deleted)).toBe(0);
  });

  it("a Retell ring that came again within its retries is answered with the same call, and recorded as a duplicate", async () => {
    const callId = freshCallId();
    const from = freshNumber();
    const first = await variablesOf(
      "retell",
      await deliver(await retellRequest(retell, retellInbound({ from, callId }))),
    );
    const again = await variablesOf(
      "retell",
      await deliver(await retellRequest(retell, retellInbound({ from, callId }))),
    );
    expect(again).toEqual(first);
    const [latest, previous] = await deliveriesOnceWritten(retell);
    expect(previous).toMatchObject({ outcome: "accepted", call_id: first.call_id });
    expect(latest).toMatchObject({ outcome: "duplicate", call_id: first.call_id });
    expect(latest!.detail).toContain(callId);
  });

  it("a transcript's record says what became of it, not what it said", async () => {
    const event = retellCallEvent("call_ended", {
      callId: freshCallId(),
      transcript: "User: secret words",
      from: freshNumber(),
    });
    await deliver(await retellRequest(retell, event));
    const record = await latestDelivery(retell);
    expect(record).toMatchObject({ kind: "post_call", outcome: "accepted" });
    expect(record.detail).not.toContain("secret words");
  });

  it("a Vapi end-of-call-report comes to the ring URL, its secret as a bearer token too", async () => {
    const report = vapiEndOfCall({ callId: freshCallId(), from: freshNumber(), transcript: "AI: Hi." });
    const res = await deliver(await vapiRequest(vapi, report, { via: "bearer" }));
    expect(res.status, await res.text()).toBe(200);
  });

  it("an unexpected failure answers 500 and is recorded as an error of the URL's kind", async () => {
    // A D1 whose first batch (the ring's) fails; the delivery record's batch goes through.
    let batches = 0;
    const failingRing = new Proxy(env.DB, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (++batches === 1) throw new Error("D1 unavailable");
            return target.batch(statements);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const request = await twilioRequest(twilio, twilioCall({ from: freshNumber() }));
    const { res, settled } = await deliverWithBindings({ DB: failingRing }, request);
    const error = await expectError(res, 500, "internal");
    await settled;
    const record = await latestDelivery(twilio);
    expect(record).toMatchObject({ kind: "ring", outcome: "error", call_id: null });
    expect(record.detail).toContain((error as { request_id?: string }).request_id);
  });

  it("a queue that refuses a transcript: 500, kept, enrichment failed, an error; the platform's retry queues it", async () => {
    const failingQueue = {
      send: async () => {
        throw new Error("queue unavailable");
      },
    } as unknown as Queue<EnrichmentMessage>;
    const callId = freshCallId();
    const payload = elevenLabsTranscription({ callId, from: freshNumber(), turns: [{ role: "user", message: "Hi" }] });
    const request = await elevenLabsPostCallRequest(elevenlabs, payload);
    const { res, settled } = await deliverWithBindings({ ENRICHMENT_QUEUE: failingQueue }, request);
    await expectError(res, 500, "internal");
    await settled;
    expect(await latestDelivery(elevenlabs)).toMatchObject({ kind: "post_call", outcome: "error" });
    const page = await expectJson(t.owner, "GET", `/api/calls?provider_call_id=${callId}`, undefined, 200);
    expect(await getCall(t.owner, page.data[0].id)).toMatchObject({
      transcription: "Caller: Hi",
      enrichment_status: "failed",
    });
    // ElevenLabs retries a failed delivery: this time the queue takes it.
    const retry = await deliver(await elevenLabsPostCallRequest(elevenlabs, payload));
    expect(await expectStatus(retry, 200)).toEqual({ call_id: page.data[0].id, enrichment: "queued" });
    expect(await latestDelivery(elevenlabs)).toMatchObject({ kind: "post_call", outcome: "accepted" });
  });
});
