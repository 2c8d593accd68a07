import { beforeAll, describe, expect, it } from "vitest";
import {
  createContact,
  expectStatus,
  freshCallId,
  freshEmail,
  freshNumber,
  getCall,
  newTenant,
  type Tenant,
  UUID,
} from "../support/helpers";
import {
  CALLED,
  callByProviderId,
  connect,
  deliver,
  elevenLabsInitiation,
  elevenLabsRingRequest,
  type Hook,
  latestDelivery,
  organizationCounts,
  type ProviderName,
  type RingInput,
  retellInbound,
  retellRequest,
  ringRequest,
  telnyxAssistantInitialization,
  telnyxCallInitiated,
  telnyxEvent,
  telnyxRequest,
  unknownCaller,
  vapiAssistantRequest,
  vapiRequest,
  variablesOf,
} from "../support/webhook-helpers";

/*
 * The voice-agent platforms' ring webhooks end to end (Retell, Vapi, the ElevenLabs conversation
 * initiation, Telnyx): each signed its own way, answered in the platform's exact JSON with the
 * caller's variables, the call recorded with the provider and its call id. Twilio's TwiML is in
 * webhooks-twilio.test.ts, refused signatures in webhooks-signatures.test.ts.
 */

const AGENTS = ["retell", "vapi", "elevenlabs", "telnyx"] as const satisfies ProviderName[];

let t: Tenant;
const hooks = {} as Record<(typeof AGENTS)[number], Hook>;

beforeAll(async () => {
  t = await newTenant();
  for (const provider of AGENTS) hooks[provider] = await connect(t, provider);
});

/** A contact the organization knows by name, with a preferred email that is not its first. */
async function knownCaller() {
  const number = freshNumber();
  const email = freshEmail("mary");
  const contact = await createContact(t.owner, {
    first_name: "Mary",
    last_name: "O'Brien & <Sons>",
    phones: [{ phone_number: number }],
    emails: [{ email: freshEmail("old") }, { email, is_preferred: true }],
  });
  return { number, email, contact };
}

describe.each(AGENTS)("a %s ring", (provider) => {
  const ring = (input: RingInput) => ringRequest(hooks[provider], input).then(deliver);

  it("is answered in the platform's shape with a known caller's variables, and recorded", async () => {
    const { number, email, contact } = await knownCaller();
    const callId = freshCallId();
    const res = await ring({ from: number, callId });
    const body = await expectStatus(res.clone(), 200);
    const variables = await variablesOf(provider, res);
    const expected = {
      caller_status: "identified",
      caller_known: "true",
      caller_first_name: "Mary",
      caller_last_name: "O'Brien & <Sons>",
      caller_name: "Mary O'Brien & <Sons>",
      caller_email: email,
      contact_id: contact.id,
      call_id: expect.stringMatching(UUID),
      caller_verified: "false",
    };
    expect(variables).toEqual(expected);
    const exactAnswer = {
      retell: { call_inbound: { dynamic_variables: expected, metadata: { call_id: variables.call_id } } },
      vapi: { assistantId: "asst_0123456789", assistantOverrides: { variableValues: expected } },
      elevenlabs: { type: "conversation_initiation_client_data", dynamic_variables: expected },
      telnyx: { dynamic_variables: expected },
    }[provider];
    expect(body).toEqual(exactAnswer);

    expect(await getCall(t.owner, variables.call_id!)).toMatchObject({
      contact_id: contact.id,
      from: number,
      to: CALLED,
      provider,
      provider_call_id: callId,
      caller: "identified",
      caller_verified: false,
    });
    expect((await callByProviderId(t, callId)).id).toBe(variables.call_id);
    expect(await latestDelivery(hooks[provider])).toMatchObject({
      kind: "ring",
      outcome: "accepted",
      call_id: variables.call_id,
    });
  });

  it("from a new number: a stub contact is created, and the caller is not known", async () => {
    const before = await organizationCounts(t.organizationId);
    const variables = await variablesOf(provider, await ring({ from: freshNumber() }));
    expect(variables).toEqual({
      ...unknownCaller("identified"),
      contact_id: expect.stringMatching(UUID),
      call_id: expect.stringMatching(UUID),
    });
    expect(await organizationCounts(t.organizationId)).toEqual({
      calls: before.calls + 1,
      contacts: before.contacts + 1,
    });
  });

  it.each([
    ["no caller field at all", undefined],
    ["an empty caller", ""],
    ["anonymous", "anonymous"],
  ])("with %s: a withheld caller, recorded without a contact", async (_name, from) => {
    const before = await organizationCounts(t.organizationId);
    const callId = freshCallId();
    const variables = await variablesOf(provider, await ring({ from, callId }));
    expect(variables).toEqual({ ...unknownCaller("withheld"), contact_id: "", call_id: expect.stringMatching(UUID) });
    expect(await organizationCounts(t.organizationId)).toEqual({ calls: before.calls + 1, contacts: before.contacts });
    expect(await callByProviderId(t, callId)).toMatchObject({ caller: "withheld", contact_id: null, provider });
  });
});

describe("the shared secret of Vapi and the ElevenLabs ring", () => {
  it.each([
    ["vapi", vapiRequest, vapiAssistantRequest],
    ["elevenlabs", elevenLabsRingRequest, elevenLabsInitiation],
  ] as const)("%s: is accepted as a bearer token too", async (provider, sign, payload) => {
    const hook = hooks[provider];
    const res = await deliver(await sign(hook, payload({ from: freshNumber() }), { via: "bearer" }));
    expect((await variablesOf(provider, res)).caller_status).toBe("identified");
  });
});

describe("telnyx", () => {
  const verifiedBy = async (payload: unknown) => {
    const res = await deliver(await telnyxRequest(hooks.telnyx, payload));
    return (await variablesOf("telnyx", res)).caller_verified;
  };

  it.each([
    ["attestation A, validated", { shaken_stir_attestation: "A", shaken_stir_validated: true }, "true"],
    ["attestation A, not validated", { shaken_stir_attestation: "A", shaken_stir_validated: false }, "false"],
    ["attestation B, validated", { shaken_stir_attestation: "B", shaken_stir_validated: true }, "false"],
    ["telnyx_end_user_target_verified", { telnyx_end_user_target_verified: true }, "true"],
    ["telnyx_end_user_target_verified false", { telnyx_end_user_target_verified: false }, "false"],
    ["no attestation", {}, "false"],
  ])(
    "assistant.initialization with %s: caller_verified %s, on the answer and the call",
    async (_name, extra, verified) => {
      const callId = freshCallId();
      expect(await verifiedBy(telnyxAssistantInitialization({ from: freshNumber(), callId }, extra))).toBe(verified);
      expect(await callByProviderId(t, callId)).toMatchObject({ caller_verified: verified === "true" });
    },
  );

  it("call.initiated of an incoming call is answered {} and records the call, attestation included", async () => {
    const callId = freshCallId();
    const number = freshNumber();
    const payload = telnyxCallInitiated(
      { from: number, callId },
      { shaken_stir_attestation: "A", shaken_stir_validated: true },
    );
    expect(await expectStatus(await deliver(await telnyxRequest(hooks.telnyx, payload)), 200)).toEqual({});
    const call = await callByProviderId(t, callId);
    expect(call).toMatchObject({ from: number, to: CALLED, provider: "telnyx", caller_verified: true });
    expect(await latestDelivery(hooks.telnyx)).toMatchObject({
      kind: "ring",
      event: "call.initiated",
      outcome: "accepted",
      call_id: call.id,
    });
  });

  it("call.initiated of an outgoing call, and other Call Control events, are answered {} and ignored", async () => {
    const before = await organizationCounts(t.organizationId);
    for (const payload of [
      telnyxCallInitiated({ from: CALLED, to: freshNumber() }, { direction: "outgoing" }),
      telnyxEvent("call.answered", { call_control_id: freshCallId(), from: freshNumber(), to: CALLED }),
    ]) {
      expect(await expectStatus(await deliver(await telnyxRequest(hooks.telnyx, payload)), 200)).toEqual({});
      expect(await latestDelivery(hooks.telnyx)).toMatchObject({
        kind: "other",
        event: payload.data.event_type,
        outcome: "ignored",
      });
    }
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });
});

describe("events the ring URL does not act on", () => {
  it.each([
    ["retell", () => retellRequest(hooks.retell, { event: "call_started", call: { call_id: freshCallId() } })],
    [
      "vapi",
      () => vapiRequest(hooks.vapi, { message: { type: "status-update", status: "in-progress", call: { id: "c" } } }),
    ],
  ] as const)("%s: answered {} and recorded as ignored, nothing else written", async (provider, request) => {
    const before = await organizationCounts(t.organizationId);
    expect(await expectStatus(await deliver(await request()), 200)).toEqual({});
    expect(await latestDelivery(hooks[provider])).toMatchObject({ kind: "other", outcome: "ignored" });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });

  it("a Retell ring of an older delivery without a call id is still answered and recorded", async () => {
    const payload = retellInbound({ from: freshNumber() });
    delete (payload.call_inbound as { call_id?: string }).call_id;
    const variables = await variablesOf("retell", await deliver(await retellRequest(hooks.retell, payload)));
    expect(await getCall(t.owner, variables.call_id!)).toMatchObject({ provider: "retell", provider_call_id: null });
  });
});
