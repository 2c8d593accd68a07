import { beforeAll, describe, expect, it } from "vitest";
import { newToken, requestsFor, settled, transcriptWith } from "../support/enrichment-helpers";
import {
  createContact,
  expectStatus,
  freshCallId,
  freshNumber,
  getCall,
  newTenant,
  send,
  type Tenant,
  UUID,
} from "../support/helpers";
import {
  CALLED,
  callByProviderId,
  connect,
  deliver,
  elevenLabsInitiation,
  elevenLabsPostCallRequest,
  elevenLabsRingRequest,
  elevenLabsTranscription,
  type Hook,
  type HookRequest,
  latestDelivery,
  organizationCounts,
  retellCallEvent,
  retellInbound,
  retellRequest,
  vapiAssistantRequest,
  vapiEndOfCall,
  vapiRequest,
  variablesOf,
} from "../support/webhook-helpers";

/*
 * After the call: the platforms' transcripts (Retell's call_ended and call_analyzed, Vapi's
 * end-of-call-report, ElevenLabs' post_call_transcription on its own URL) are saved on the call
 * and enrichment queued as POST /api/calls/{id}/transcription does, once per call; a transcript
 * of a call the service never saw records the call first. Enrichment runs on the real local
 * queue against the fake OpenAI, which counts the requests per token in the transcript.
 */

let t: Tenant;
let retell: Hook;
let vapi: Hook;
let elevenlabs: Hook;

beforeAll(async () => {
  t = await newTenant();
  [retell, vapi, elevenlabs] = [await connect(t, "retell"), await connect(t, "vapi"), await connect(t, "elevenlabs")];
});

/** Sends it and expects the transcript's 200 `{call_id, enrichment}`; answers the body. */
async function expectSaved(request: HookRequest, enrichment: "queued" | "not_needed" | "duplicate") {
  const body = await expectStatus(await deliver(request), 200);
  expect(body).toEqual({ call_id: expect.stringMatching(UUID), enrichment });
  return body.call_id as string;
}

describe("Retell", () => {
  it("call_ended then call_analyzed: the transcript saved once, enrichment queued once, the second a duplicate", async () => {
    const token = newToken();
    const providerCallId = freshCallId();
    const ring = await deliver(
      await retellRequest(retell, retellInbound({ from: freshNumber(), callId: providerCallId })),
    );
    const { call_id: callId } = await variablesOf("retell", ring);
    const transcript = transcriptWith(token, "Caller: Hi, my name is Ada Byron.");
    const event = (name: string) =>
      retellCallEvent(name, { callId: providerCallId, transcript, from: freshNumber(), metadata: { call_id: callId } });

    expect(await expectSaved(await retellRequest(retell, event("call_ended")), "queued")).toBe(callId);
    expect(await latestDelivery(retell)).toMatchObject({
      kind: "post_call",
      event: "call_ended",
      outcome: "accepted",
      call_id: callId,
    });
    expect(await expectSaved(await retellRequest(retell, event("call_analyzed")), "duplicate")).toBe(callId);
    expect(await latestDelivery(retell)).toMatchObject({
      event: "call_analyzed",
      outcome: "duplicate",
      call_id: callId,
    });

    expect(await settled(t.owner, callId!)).toMatchObject({ transcription: transcript, enrichment_status: "done" });
    expect(await requestsFor(token)).toHaveLength(1);
  });

  it("the ring's metadata.call_id routes the transcript, whatever Retell's own call id", async () => {
    const inbound = retellInbound({ from: freshNumber() });
    delete (inbound.call_inbound as { call_id?: string }).call_id; // an older delivery: no call id to match on
    const { call_id: callId } = await variablesOf("retell", await deliver(await retellRequest(retell, inbound)));
    const before = await organizationCounts(t.organizationId);
    const event = retellCallEvent("call_ended", {
      callId: freshCallId(),
      transcript: "Agent: Hello.\nUser: Hi.",
      from: freshNumber(),
      metadata: { call_id: callId },
    });
    expect(await expectSaved(await retellRequest(retell, event), "queued")).toBe(callId);
    expect(await organizationCounts(t.organizationId)).toEqual(before);
    expect((await getCall(t.owner, callId!)).transcription).toBe("Agent: Hello.\nUser: Hi.");
  });

  it("without metadata, the transcript goes to the call whose provider call id is Retell's", async () => {
    const providerCallId = freshCallId();
    const ring = await deliver(
      await retellRequest(retell, retellInbound({ from: freshNumber(), callId: providerCallId })),
    );
    const { call_id: callId } = await variablesOf("retell", ring);
    const event = retellCallEvent("call_ended", {
      callId: providerCallId,
      transcript: "User: Hi.",
      from: freshNumber(),
    });
    expect(await expectSaved(await retellRequest(retell, event), "queued")).toBe(callId);
  });

  it("a transcript over 256 KiB keeps its first and last 128 KiB", async () => {
    const half = 128 * 1024;
    const transcript = `BEGIN ${"a".repeat(half)} MIDDLE ${"z".repeat(half)} END`;
    const event = retellCallEvent("call_ended", { callId: freshCallId(), transcript, from: freshNumber() });
    const callId = await expectSaved(await retellRequest(retell, event), "queued");
    const saved = (await getCall(t.owner, callId)).transcription as string;
    expect(saved).toHaveLength(2 * half);
    expect(saved).toBe(transcript.slice(0, half) + transcript.slice(-half));
    expect(saved.startsWith("BEGIN ")).toBe(true);
    expect(saved.endsWith(" END")).toBe(true);
    expect(saved).not.toContain("MIDDLE");
  });
});

describe("a transcript for a call the service never saw", () => {
  const cases = [
    [
      "retell call_ended",
      () => retell,
      (callId: string, from: string, transcript: string) =>
        retellRequest(retell, retellCallEvent("call_ended", { callId, from, transcript })),
    ],
    [
      "vapi end-of-call-report",
      () => vapi,
      (callId: string, from: string, transcript: string) =>
        vapiRequest(vapi, vapiEndOfCall({ callId, from, transcript })),
    ],
    [
      "elevenlabs post_call_transcription",
      () => elevenlabs,
      (callId: string, from: string, transcript: string) =>
        elevenLabsPostCallRequest(
          elevenlabs,
          elevenLabsTranscription({ callId, from, turns: [{ role: "user", message: transcript }] }),
        ),
    ],
  ] as const;

  it.each(cases)(
    "%s: records the call from the event's numbers first, then saves the transcript",
    async (_name, hookOf, build) => {
      const before = await organizationCounts(t.organizationId);
      const providerCallId = freshCallId();
      const from = freshNumber();
      const callId = await expectSaved(await build(providerCallId, from, "my name is Grace Hopper"), "queued");
      const hook = hookOf();
      const call = await callByProviderId(t, providerCallId);
      expect(call).toMatchObject({ id: callId, from, to: CALLED, provider: hook.provider, caller: "identified" });
      expect((await getCall(t.owner, callId)).transcription).toContain("my name is Grace Hopper");
      expect(await organizationCounts(t.organizationId)).toEqual({
        calls: before.calls + 1,
        contacts: before.contacts + 1,
      });
      const delivery = await latestDelivery(hook);
      expect(delivery).toMatchObject({ kind: "post_call", outcome: "accepted", call_id: callId });
      expect(delivery.detail).toContain("recorded first");
    },
  );

  it.each(cases)("%s, delivered again: nothing recorded twice, the retry a duplicate", async (_name, hookOf, build) => {
    const providerCallId = freshCallId();
    const from = freshNumber();
    const callId = await expectSaved(await build(providerCallId, from, "Hello there"), "queued");
    const before = await organizationCounts(t.organizationId);
    expect(await expectSaved(await build(providerCallId, from, "Hello there"), "duplicate")).toBe(callId);
    expect(await latestDelivery(hookOf())).toMatchObject({ outcome: "duplicate", call_id: callId });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });

  it.each(cases)(
    "%s from a withheld caller: records a withheld call, then saves the transcript",
    async (_name, hookOf, build) => {
      const before = await organizationCounts(t.organizationId);
      const providerCallId = freshCallId();
      const callId = await expectSaved(await build(providerCallId, "", "I'd rather not say who I am"), "not_needed");
      expect(await callByProviderId(t, providerCallId)).toMatchObject({
        id: callId,
        caller: "withheld",
        contact_id: null,
        provider: hookOf().provider,
      });
      expect(await organizationCounts(t.organizationId)).toEqual({
        calls: before.calls + 1,
        contacts: before.contacts,
      });
    },
  );
});

describe("Retell's two events at once, for a call never seen", () => {
  it("one call recorded, the transcript saved once: one queued, the other a duplicate", async () => {
    const providerCallId = freshCallId();
    const from = freshNumber();
    const before = await organizationCounts(t.organizationId);
    const requests = await Promise.all(
      ["call_ended", "call_analyzed"].map((event) =>
        retellRequest(retell, retellCallEvent(event, { callId: providerCallId, from, transcript: "User: Hi." })),
      ),
    );
    const answers = await Promise.all(requests.map(async (request) => expectStatus(await deliver(request), 200)));
    expect(answers.map((a) => a.enrichment).sort()).toEqual(["duplicate", "queued"]);
    expect(new Set(answers.map((a) => a.call_id)).size).toBe(1);
    expect(await organizationCounts(t.organizationId)).toEqual({
      calls: before.calls + 1,
      contacts: before.contacts + 1,
    });
  });
});

describe("Vapi", () => {
  it("end-of-call-report saves the transcript on the call its assistant-request recorded", async () => {
    const providerCallId = freshCallId();
    const contact = await createContact(t.owner, { first_name: "Known", phones: [{ phone_number: freshNumber() }] });
    const from = contact.phones[0].phone_number;
    const ring = await deliver(await vapiRequest(vapi, vapiAssistantRequest({ from, callId: providerCallId })));
    const { call_id: callId } = await variablesOf("vapi", ring);
    const report = vapiEndOfCall({ callId: providerCallId, from, transcript: "AI: Hello Known.\nUser: Hi." });
    // The caller has a name: nothing to enrich.
    expect(await expectSaved(await vapiRequest(vapi, report), "not_needed")).toBe(callId);
    expect(await getCall(t.owner, callId!)).toMatchObject({
      transcription: "AI: Hello Known.\nUser: Hi.",
      enrichment_status: "skipped",
    });
    expect(await latestDelivery(vapi)).toMatchObject({
      kind: "post_call",
      event: "end-of-call-report",
      outcome: "accepted",
    });
  });
});

describe("a transcript after its caller was erased", () => {
  it("is not kept: the call stays erased, nothing is queued, the platform is answered not_needed", async () => {
    const providerCallId = freshCallId();
    const contact = await createContact(t.owner, { first_name: "Gone", phones: [{ phone_number: freshNumber() }] });
    const from = contact.phones[0].phone_number;
    const ring = await deliver(await vapiRequest(vapi, vapiAssistantRequest({ from, callId: providerCallId })));
    const { call_id: callId } = await variablesOf("vapi", ring);
    await expectStatus(await send(t.owner, "POST", `/api/contacts/${contact.id}/erase`), 204);
    const report = vapiEndOfCall({ callId: providerCallId, from, transcript: "AI: Hello Gone.\nUser: It's me, Gone." });
    expect(await expectSaved(await vapiRequest(vapi, report), "not_needed")).toBe(callId);
    expect(await getCall(t.owner, callId!)).toMatchObject({ erased: true, from: null, transcription: null });
  });
});

describe("ElevenLabs", () => {
  it("post_call_transcription on its own URL: one line per turn, Agent or Caller, on the call the ring recorded", async () => {
    const callSid = freshCallId();
    const ring = await deliver(
      await elevenLabsRingRequest(elevenlabs, elevenLabsInitiation({ from: freshNumber(), callId: callSid })),
    );
    const { call_id: callId } = await variablesOf("elevenlabs", ring);
    const payload = elevenLabsTranscription({
      callId: callSid,
      turns: [
        { role: "agent", message: "Thanks for calling, how can I help?" },
        { role: "user", message: "My name is Ada Byron." },
        { role: "agent", message: null }, // a tool call: no words
        { role: "user", message: "Bye." },
      ],
    });
    expect(await expectSaved(await elevenLabsPostCallRequest(elevenlabs, payload), "queued")).toBe(callId);
    expect((await getCall(t.owner, callId!)).transcription).toBe(
      "Agent: Thanks for calling, how can I help?\nCaller: My name is Ada Byron.\nCaller: Bye.",
    );
    expect(await latestDelivery(elevenlabs)).toMatchObject({
      kind: "post_call",
      event: "post_call_transcription",
      outcome: "accepted",
      call_id: callId,
    });
  });
});

describe("events the service does not act on: 200 {}, recorded as ignored, nothing written", () => {
  const number = freshNumber();
  it.each([
    [
      "retell call_ended without a transcript",
      () => retellRequest(retell, retellCallEvent("call_ended", { callId: freshCallId(), from: number })),
    ],
    [
      "retell call_ended of a web call",
      () => {
        const event = retellCallEvent("call_ended", { callId: freshCallId(), transcript: "Agent: Hi." });
        event.call.call_type = "web_call";
        return retellRequest(retell, event);
      },
    ],
    [
      "vapi end-of-call-report of a web call",
      () => {
        const report = vapiEndOfCall({ callId: freshCallId(), from: number, transcript: "AI: Hi." });
        report.message.call.type = "webCall";
        return vapiRequest(vapi, report);
      },
    ],
    [
      "elevenlabs post_call_audio",
      () =>
        elevenLabsPostCallRequest(elevenlabs, {
          type: "post_call_audio",
          data: { conversation_id: "c", full_audio: "AAAA" },
        }),
    ],
    [
      "elevenlabs post_call_transcription of a widget conversation (no phone call)",
      () => {
        const payload = elevenLabsTranscription({ callId: freshCallId(), turns: [{ role: "user", message: "Hi" }] });
        delete (payload.data.metadata as { phone_call?: unknown }).phone_call;
        return elevenLabsPostCallRequest(elevenlabs, payload);
      },
    ],
  ] as const)("%s", async (_name, build) => {
    const before = await organizationCounts(t.organizationId);
    const request = await build();
    expect(await expectStatus(await deliver(request), 200)).toEqual({});
    expect(await latestDelivery(request.hook)).toMatchObject({ kind: "other", outcome: "ignored", call_id: null });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });
});
