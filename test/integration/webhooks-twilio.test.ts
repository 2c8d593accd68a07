import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { countingD1 } from "../support/d1-counter";
import {
  createContact,
  expectError,
  expectJson,
  expectStatus,
  freshCallId,
  freshEmail,
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
  deliverWithBindings,
  type Hook,
  type HookRequest,
  latestDelivery,
  organizationCounts,
  rotateSecret,
  streamParameters,
  twilioCall,
  twilioRequest,
  unknownCaller,
  variablesOf,
  xmlUnescape,
} from "../support/webhook-helpers";
import { twilioForm } from "../support/webhook-signer";

/*
 * Twilio's ring webhook end to end: a request signed by the twilio SDK over the exact URL the
 * test requests, answered with TwiML (a media Stream with the caller's variables, or a Redirect
 * to the agent's TwiML URL), the call recorded as POST /api/calls/inbound records it, and the
 * D1 round trips it costs. Refused signatures are in webhooks-signatures.test.ts.
 */

let t: Tenant;
let hook: Hook;

beforeAll(async () => {
  t = await newTenant();
  hook = await connect(t, "twilio", { stream_url: "wss://agent.example.com/media?line=main&v=2" });
});

/** A contact the organization knows by name, whose name needs escaping, with a preferred email. */
async function knownCaller() {
  const number = freshNumber();
  const preferred = freshEmail("mary");
  const contact = await createContact(t.owner, {
    first_name: "Mary",
    last_name: "O'Brien & <Sons>",
    phones: [{ phone_number: number }],
    emails: [{ email: freshEmail("old") }, { email: preferred, is_preferred: true }],
  });
  return { number, preferred, contact };
}

describe("a ring signed by Twilio", () => {
  it("is answered with TwiML: a Stream with one escaped Parameter per variable, for a known caller", async () => {
    const { number, preferred, contact } = await knownCaller();
    const callSid = freshCallId();
    const res = await deliver(
      await twilioRequest(
        hook,
        twilioCall({ from: number, callId: callSid }, { StirVerstat: "TN-Validation-Passed-A" }),
      ),
    );
    const twiml = await res.text();
    expect(res.status, twiml).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    const callId = streamParameters(twiml).call_id!;
    expect(callId).toMatch(UUID);
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect>' +
        '<Stream url="wss://agent.example.com/media?line=main&amp;v=2">' +
        '<Parameter name="caller_status" value="identified"/>' +
        '<Parameter name="caller_known" value="true"/>' +
        '<Parameter name="caller_first_name" value="Mary"/>' +
        '<Parameter name="caller_last_name" value="O&apos;Brien &amp; &lt;Sons&gt;"/>' +
        '<Parameter name="caller_name" value="Mary O&apos;Brien &amp; &lt;Sons&gt;"/>' +
        `<Parameter name="caller_email" value="${preferred}"/>` +
        `<Parameter name="contact_id" value="${contact.id}"/>` +
        `<Parameter name="call_id" value="${callId}"/>` +
        '<Parameter name="caller_verified" value="true"/>' +
        "</Stream></Connect></Response>",
    );

    const call = await getCall(t.owner, callId);
    expect(call).toMatchObject({
      contact_id: contact.id,
      from: number,
      to: CALLED,
      provider: "twilio",
      provider_call_id: callSid,
      caller: "identified",
      caller_verified: true,
    });
    expect((await callByProviderId(t, callSid)).id).toBe(callId);
    expect(await latestDelivery(hook)).toMatchObject({
      kind: "ring",
      event: "incoming-call",
      outcome: "accepted",
      call_id: callId,
    });
  });

  it("with redirect_url: a Redirect to the agent's URL, its own query kept, every variable added", async () => {
    const redirecting = await connect(t, "twilio", {
      redirect_url: "https://agent.example.com/twiml?tenant=acme&lang=en",
    });
    const { number, preferred, contact } = await knownCaller();
    const request = await twilioRequest(
      redirecting,
      twilioCall({ from: number }, { StirVerstat: "TN-Validation-Passed-B" }),
    );
    const res = await deliver(request);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    const match =
      /^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Redirect method="POST">([^<]*)<\/Redirect><\/Response>$/.exec(
        text,
      );
    expect(match, text).not.toBeNull();
    expect(match![1]).not.toMatch(/&(?!amp;|apos;|quot;|lt;|gt;)/); // every & escaped
    const url = new URL(xmlUnescape(match![1]!));
    expect(url.origin + url.pathname).toBe("https://agent.example.com/twiml");
    expect(url.search.startsWith("?tenant=acme&lang=en&")).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: "acme",
      lang: "en",
      caller_status: "identified",
      caller_known: "true",
      caller_first_name: "Mary",
      caller_last_name: "O'Brien & <Sons>",
      caller_name: "Mary O'Brien & <Sons>",
      caller_email: preferred,
      contact_id: contact.id,
      call_id: expect.stringMatching(UUID),
      caller_verified: "false",
    });
  });

  it("from a new number: a stub contact is created and the caller is not known", async () => {
    const before = await organizationCounts(t.organizationId);
    const number = freshNumber();
    const variables = await variablesOf(
      "twilio",
      await deliver(await twilioRequest(hook, twilioCall({ from: number }))),
    );
    expect(variables).toEqual({
      ...unknownCaller("identified"),
      contact_id: expect.stringMatching(UUID),
      call_id: expect.stringMatching(UUID),
    });
    expect(await organizationCounts(t.organizationId)).toEqual({
      calls: before.calls + 1,
      contacts: before.contacts + 1,
    });
    expect(await getCall(t.owner, variables.call_id!)).toMatchObject({
      contact_id: variables.contact_id,
      from: number,
    });
  });

  it.each([
    ["Anonymous", "withheld"],
    ["+266696687", "withheld"],
    ["", "withheld"],
    ["12", "invalid"],
  ] as const)("from %j: a %s caller, recorded without a contact", async (from, status) => {
    const before = await organizationCounts(t.organizationId);
    const callSid = freshCallId();
    const variables = await variablesOf(
      "twilio",
      await deliver(await twilioRequest(hook, twilioCall({ from, callId: callSid }))),
    );
    expect(variables).toEqual({ ...unknownCaller(status), contact_id: "", call_id: expect.stringMatching(UUID) });
    expect(await organizationCounts(t.organizationId)).toEqual({ calls: before.calls + 1, contacts: before.contacts });
    expect(await callByProviderId(t, callSid)).toMatchObject({ caller: status, contact_id: null, provider: "twilio" });
  });

  it.each([
    ["TN-Validation-Passed-A", true],
    ["TN-Validation-Passed-B", false],
    ["TN-Validation-Passed-C", false],
    ["TN-Validation-Failed-A", false],
    ["No-TN-Validation", false],
    [undefined, false],
  ])("StirVerstat %s: caller_verified %s, on the answer and the call", async (stir, verified) => {
    const callSid = freshCallId();
    const extra: Record<string, string> = stir === undefined ? {} : { StirVerstat: stir };
    const request = await twilioRequest(hook, twilioCall({ from: freshNumber(), callId: callSid }, extra));
    const variables = await variablesOf("twilio", await deliver(request));
    expect(variables.caller_verified).toBe(String(verified));
    expect(await callByProviderId(t, callSid)).toMatchObject({ caller_verified: verified });
  });

  it("configured with GET: the fields come in the signed URL's query, and are answered the same way", async () => {
    const number = freshNumber();
    const callSid = freshCallId();
    const request = await twilioRequest(hook, twilioCall({ from: number, callId: callSid }), { method: "GET" });
    const variables = await variablesOf("twilio", await deliver(request));
    expect(variables).toMatchObject({ caller_status: "identified", call_id: expect.stringMatching(UUID) });
    expect(await callByProviderId(t, callSid)).toMatchObject({ id: variables.call_id, from: number });
  });

  it("a status callback sent to the ring URL is answered {} and ignored: nothing recorded", async () => {
    const before = await organizationCounts(t.organizationId);
    const params = twilioCall(
      { from: freshNumber() },
      { CallStatus: "completed", CallbackSource: "call-progress-events" },
    );
    expect(await expectStatus(await deliver(await twilioRequest(hook, params)), 200)).toEqual({});
    expect(await latestDelivery(hook)).toMatchObject({
      kind: "other",
      event: "call-progress-events",
      outcome: "ignored",
      call_id: null,
    });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });
});

describe("its body", () => {
  /** Twilio's fields with a padding field that makes the form exactly `bytes` long. */
  function paddedTo(bytes: number) {
    const params = twilioCall({ from: freshNumber() });
    const length = twilioForm({ ...params, Padding: "" }).length;
    return { ...params, Padding: "x".repeat(bytes - length) };
  }

  it("up to 64 KiB is read", async () => {
    const params = paddedTo(64 * 1024);
    expect(twilioForm(params)).toHaveLength(64 * 1024);
    const variables = await variablesOf("twilio", await deliver(await twilioRequest(hook, params)));
    expect(variables.caller_status).toBe("identified");
  });

  it("over 64 KiB is a 413, signed or not, and only its delivery is recorded", async () => {
    const before = await organizationCounts(t.organizationId);
    const request = await twilioRequest(hook, paddedTo(64 * 1024 + 1));
    await expectError(await deliver(request), 413, "payload_too_large");
    await expectError(
      await deliver({ ...request, headers: { "content-type": "application/x-www-form-urlencoded" } }),
      413,
      "payload_too_large",
    );
    const latest = await latestDelivery(hook);
    expect(latest).toMatchObject({ kind: "ring", outcome: "invalid", detail: expect.stringContaining("64 KiB") });
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });
});

/**
 * A webhook straight through the app on a D1 that counts round trips, with the delivery record's
 * write held at a gate until the answer is out: `atAnswer` is what the answer cost, and the answer
 * is shown not to wait for its record. `settle()` releases the record and waits for it.
 */
async function countedDelivery(request: HookRequest) {
  const { db, counter } = countingD1(env.DB);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const deliveryStatements = new WeakSet<D1PreparedStatement>();
  /** The delivery's statement: what it binds is marked, to be held by `batch`. */
  const marked = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") {
          return (...args: unknown[]) => {
            const bound = target.bind(...args);
            deliveryStatements.add(bound);
            return bound;
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const gated = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "prepare") {
        return (sql: string) => {
          const statement = target.prepare(sql);
          return sql.includes("integration_delivery") ? marked(statement) : statement;
        };
      }
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (statements.some((s) => deliveryStatements.has(s))) await gate;
          return target.batch(statements);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("the answer waited for the delivery record")), 5_000),
  );
  const { res, settled } = await Promise.race([deliverWithBindings({ DB: gated }, request), timeout]);
  const atAnswer = [...counter.queries];
  return {
    res,
    atAnswer,
    counter,
    settle: async () => {
      release();
      await settled;
      return counter.queries.slice(atAnswer.length);
    },
  };
}

const READ_INTEGRATION = expect.stringMatching(/^select .* from "integration" where/);
/** resolve_contact's two statements and the call's INSERT … RETURNING. */
const RING_BATCH = "batch of 3";
/** The same, and the read that tells a changed integration from a deleted one. */
const CHECKED_RING_BATCH = "batch of 4";

describe("D1 round trips", () => {
  it("a ring on an integration this isolate has not read costs two before the answer (the integration, then the ring's batch); its record comes after", async () => {
    const fresh = await connect(t, "twilio");
    const ring = await countedDelivery(await twilioRequest(fresh, twilioCall({ from: freshNumber() })));
    expect(ring.res.status, await ring.res.clone().text()).toBe(200);
    expect(streamParameters(await ring.res.text())).toMatchObject({
      caller_status: "identified",
      caller_known: "false",
    });
    expect(ring.atAnswer, ring.atAnswer.join(" | ")).toEqual([READ_INTEGRATION, RING_BATCH]);
    expect(await ring.settle()).toEqual(["batch of 1"]); // the delivery's INSERT
    expect(ring.counter.roundTrips).toBe(3);
  });

  it("a ring on an integration this isolate holds costs one: its batch checks the integration is unchanged", async () => {
    const warm = await connect(t, "twilio");
    await (await countedDelivery(await twilioRequest(warm, twilioCall({ from: freshNumber() })))).settle();
    const ring = await countedDelivery(await twilioRequest(warm, twilioCall({ from: freshNumber() })));
    expect(ring.res.status).toBe(200);
    expect(streamParameters(await ring.res.text())).toMatchObject({ caller_status: "identified" });
    expect(ring.atAnswer, ring.atAnswer.join(" | ")).toEqual([CHECKED_RING_BATCH]);
    await ring.settle();
  });

  it("a secret rotated since the isolate read it: the old signature is refused by the ring's batch and nothing is written; the new one works at once", async () => {
    const old = await connect(t, "twilio");
    await (await countedDelivery(await twilioRequest(old, twilioCall({ from: freshNumber() })))).settle();
    const rotated = await rotateSecret(old);
    const before = await organizationCounts(t.organizationId);

    const refused = await countedDelivery(await twilioRequest(old, twilioCall({ from: freshNumber() })));
    await expectError(refused.res, 401, "unauthenticated");
    expect(refused.atAnswer).toEqual([CHECKED_RING_BATCH]); // it wrote nothing, and read what changed
    await refused.settle();
    expect(await organizationCounts(t.organizationId)).toEqual(before);
    expect(await latestDelivery(old)).toMatchObject({ outcome: "rejected_signature" });

    // The isolate holds the rotated secret now; rotated again, a ring signed with the newest
    // secret fails on what it holds and is judged on the integration read from D1: two in all.
    const newest = await rotateSecret(rotated);
    const accepted = await countedDelivery(await twilioRequest(newest, twilioCall({ from: freshNumber() })));
    expect(accepted.res.status).toBe(200);
    expect(accepted.atAnswer).toEqual([READ_INTEGRATION, RING_BATCH]);
    await accepted.settle();
    expect(await latestDelivery(newest)).toMatchObject({ outcome: "accepted" });
  });

  it("settings changed since the isolate read them: the answer follows the new ones, in two round trips", async () => {
    const changed = await connect(t, "twilio", { stream_url: "wss://agent.example.com/old" });
    await (await countedDelivery(await twilioRequest(changed, twilioCall({ from: freshNumber() })))).settle();
    await expectJson(
      t.owner,
      "PUT",
      `/api/integrations/${changed.id}`,
      { settings: { stream_url: "wss://agent.example.com/new" } },
      200,
    );
    const ring = await countedDelivery(await twilioRequest(changed, twilioCall({ from: freshNumber() })));
    expect(ring.res.status).toBe(200);
    expect(await ring.res.text()).toContain('<Stream url="wss://agent.example.com/new">');
    expect(ring.atAnswer).toEqual([CHECKED_RING_BATCH, RING_BATCH]);
    await ring.settle();
  });

  it("an integration deleted since the isolate read it: 404 in one round trip, nothing written, no record", async () => {
    const deleted = await connect(t, "twilio");
    await (await countedDelivery(await twilioRequest(deleted, twilioCall({ from: freshNumber() })))).settle();
    await expectStatus(await send(t.owner, "DELETE", `/api/integrations/${deleted.id}`), 204);
    const before = await organizationCounts(t.organizationId);
    const ring = await countedDelivery(await twilioRequest(deleted, twilioCall({ from: freshNumber() })));
    await expectError(ring.res, 404, "not_found");
    expect(ring.atAnswer).toEqual([CHECKED_RING_BATCH]);
    expect(await ring.settle()).toEqual([]);
    expect(await organizationCounts(t.organizationId)).toEqual(before);
  });
});
