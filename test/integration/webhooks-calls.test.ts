import { beforeAll, describe, expect, it } from "vitest";
import {
  createContact,
  expectIssue,
  expectRing,
  freshCallId,
  freshEmail,
  freshNumber,
  getCall,
  newTenant,
  ring,
  type Tenant,
  UUID,
} from "../support/helpers";
import {
  callByProviderId,
  connect,
  deliver,
  deliveriesOnceWritten,
  expectRingAnswer,
  type Hook,
  organizationCounts,
  PROVIDERS,
  type ProviderName,
  ringRequest,
  variablesOf,
} from "../support/webhook-helpers";

/*
 * The calls a ring webhook records, as POST /api/calls/inbound records them: in the integration's
 * organization only, once per provider call id however often the platform retries, one contact
 * for concurrent rings from a new number; and the attestation the inbound route takes.
 */

let a: Tenant;
let b: Tenant;
const hooksOfB = {} as Record<ProviderName, Hook>;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
  for (const provider of PROVIDERS) hooksOfB[provider] = await connect(b, provider);
});

describe("another organization's integration", () => {
  it.each(PROVIDERS)(
    "%s: never resolves this organization's contacts; the number becomes a stub of its own",
    async (provider) => {
      const number = freshNumber();
      const known = await createContact(a.owner, {
        first_name: "Ada",
        last_name: "Lovelace",
        phones: [{ phone_number: number }],
        emails: [{ email: freshEmail("ada") }],
      });
      const beforeA = await organizationCounts(a.organizationId);
      const beforeB = await organizationCounts(b.organizationId);
      const variables = await expectRingAnswer(hooksOfB[provider], { from: number });
      expect(variables).toMatchObject({
        caller_status: "identified",
        caller_known: "false",
        caller_name: "",
        caller_email: "",
        contact_id: expect.stringMatching(UUID),
      });
      expect(variables.contact_id).not.toBe(known.id);
      expect(await getCall(b.owner, variables.call_id!)).toMatchObject({
        contact_id: variables.contact_id,
        from: number,
      });
      expect(await organizationCounts(b.organizationId)).toEqual({
        calls: beforeB.calls + 1,
        contacts: beforeB.contacts + 1,
      });
      expect(await organizationCounts(a.organizationId)).toEqual(beforeA);
    },
  );
});

describe("replays and retries make nothing twice", () => {
  it.each(PROVIDERS)(
    "%s: the same provider call id rung twice is one call; the second delivery a duplicate",
    async (provider) => {
      const hook = hooksOfB[provider];
      const callId = freshCallId();
      const from = freshNumber();
      const first = await expectRingAnswer(hook, { from, callId });
      const before = await organizationCounts(b.organizationId);
      const second = await expectRingAnswer(hook, { from, callId });
      expect(second).toEqual(first);
      expect(await organizationCounts(b.organizationId)).toEqual(before);
      expect((await callByProviderId(b, callId)).id).toBe(first.call_id);
      const [latest, previous] = await deliveriesOnceWritten(hook);
      expect(previous).toMatchObject({ kind: "ring", outcome: "accepted", call_id: first.call_id });
      expect(latest).toMatchObject({ kind: "ring", outcome: "duplicate", call_id: first.call_id });
    },
  );

  it("the same provider call id in two organizations is two calls, one in each", async () => {
    const hookOfA = await connect(a, "telnyx");
    const callId = freshCallId();
    const inA = await expectRingAnswer(hookOfA, { from: freshNumber(), callId });
    const inB = await expectRingAnswer(hooksOfB.telnyx, { from: freshNumber(), callId });
    expect(inB.call_id).not.toBe(inA.call_id);
    expect((await callByProviderId(a, callId)).id).toBe(inA.call_id);
    expect((await callByProviderId(b, callId)).id).toBe(inB.call_id);
  });

  it.each(["twilio", "retell"] as const)(
    "%s: 20 concurrent rings from one new number (distinct call ids) are 20 calls of one new contact",
    async (provider) => {
      const hook = hooksOfB[provider];
      const from = freshNumber();
      const before = await organizationCounts(b.organizationId);
      const requests = await Promise.all(Array.from({ length: 20 }, () => ringRequest(hook, { from })));
      const answers = await Promise.all(requests.map(async (request) => variablesOf(provider, await deliver(request))));
      expect(new Set(answers.map((v) => v.contact_id)).size).toBe(1);
      expect(new Set(answers.map((v) => v.call_id)).size).toBe(20);
      expect(await organizationCounts(b.organizationId)).toEqual({
        calls: before.calls + 20,
        contacts: before.contacts + 1,
      });
      const records = await deliveriesOnceWritten(hook);
      expect(records.slice(0, 20).every((d) => d.outcome === "accepted")).toBe(true);
    },
  );
});

describe("POST /api/calls/inbound's attestation", () => {
  it.each([
    ["A", true],
    ["B", false],
    ["C", false],
    [null, false],
    [undefined, false],
  ])("%s: caller_verified %s", async (attestation, verified) => {
    const providerCallId = freshCallId();
    const call = await expectRing(a.key, {
      from: freshNumber(),
      provider: "twilio",
      provider_call_id: providerCallId,
      ...(attestation !== undefined && { attestation }),
    });
    expect(await getCall(a.owner, call.call_id)).toMatchObject({ caller_verified: verified });
    expect(await callByProviderId(a, providerCallId)).toMatchObject({ caller_verified: verified });
  });

  it.each(["a", "D", "TN-Validation-Passed-A", "", true])(
    "%j: a 400 on attestation, and nothing recorded",
    async (attestation) => {
      const before = await organizationCounts(a.organizationId);
      await expectIssue(await ring(a.key, { from: freshNumber(), attestation }), ["attestation"]);
      expect(await organizationCounts(a.organizationId)).toEqual(before);
    },
  );
});
