import { describe, expect, it } from "vitest";
import { integrationProviders as providerNames } from "../../src/db/schema";
import { providers } from "../../src/mods/integration/services/providers";
import {
  type CallerVariables,
  type Endpoint,
  InvalidPayload,
  type RingEvent,
  type WebhookRequest,
} from "../../src/mods/integration/services/providers/provider";
import { xmlEscape } from "../../src/mods/integration/services/providers/twilio";

/*
 * The provider adapters on their own: what each reads from a platform's request (parse) and what
 * it answers a ring with (answerRing). Pure functions, so no Worker and no signatures here: the
 * webhook routes' tests cover verification and what a delivery writes.
 * Every fixture is shaped after the platform's documentation (or SDK types), named above it.
 */

const { twilio, retell, vapi, elevenlabs, telnyx } = providers;

const encoder = new TextEncoder();

function webhook(body: string | Uint8Array, init: { method?: string; url?: string; contentType?: string } = {}) {
  return {
    url: init.url ?? "https://caller-id.example.com/hooks/test/00000000-0000-4000-8000-000000000001",
    method: init.method ?? "POST",
    headers: new Headers(init.contentType ? { "content-type": init.contentType } : {}),
    body: typeof body === "string" ? encoder.encode(body) : body,
    now: Date.now(),
  } satisfies WebhookRequest;
}

const json = (body: unknown) => webhook(JSON.stringify(body), { contentType: "application/json" });
const form = (fields: Record<string, string>) =>
  webhook(new URLSearchParams(fields).toString(), { contentType: "application/x-www-form-urlencoded" });

/** A deep copy with `change` applied: fixtures stay untouched between tests. */
function tweak<T>(fixture: T, change: (copy: any) => void): T {
  const copy = structuredClone(fixture);
  change(copy);
  return copy;
}

function expectInvalid(parse: () => unknown) {
  expect(parse).toThrow(InvalidPayload);
}

const NOT_UTF8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);

/** A known caller whose name needs escaping in XML and in a URL. */
const variables: CallerVariables = {
  caller_status: "identified",
  caller_known: "true",
  caller_first_name: "Mary",
  caller_last_name: "O'Brien & <Sons>",
  caller_name: "Mary O'Brien & <Sons>",
  caller_email: "mary@obrien.example",
  contact_id: "7d5e2a51-3c2b-4f6e-9b1a-0c8d2e4f6a10",
  call_id: "0f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a00",
  caller_verified: "false",
};

const ringOf = (event: string): RingEvent => ({
  kind: "ring",
  event,
  from: "+14155552671",
  to: "+14155550100",
  providerCallId: null,
  callerVerified: false,
});

describe("the providers", () => {
  it("has one adapter per provider, with the contract's URLs and body limits", () => {
    expect(Object.keys(providers).sort()).toEqual([...providerNames].sort());
    for (const name of providerNames) expect(providers[name].name).toBe(name);
    const table = Object.fromEntries(
      providerNames.map((n) => [n, [providers[n].postCall, providers[n].maxRingBodyBytes]]),
    );
    expect(table).toEqual({
      twilio: ["none", 64 * 1024],
      retell: ["same_url", 1024 * 1024],
      vapi: ["same_url", 1024 * 1024],
      elevenlabs: ["own_url", 64 * 1024],
      telnyx: ["none", 64 * 1024],
    });
  });
});

describe("twilio", () => {
  // The parameters of Twilio's request for an incoming call
  // (https://www.twilio.com/docs/usage/webhooks/voice-webhooks#incoming-voice-call), StirVerstat
  // as Twilio adds it for calls with a SHAKEN PASSporT.
  const incoming = {
    AccountSid: "AC0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    ApiVersion: "2010-04-01",
    CallSid: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
    CallStatus: "ringing",
    Called: "+14155550100",
    Caller: "+14155552671",
    CallerName: "MARY OBRIEN",
    Direction: "inbound",
    From: "+14155552671",
    FromCity: "SAN FRANCISCO",
    FromCountry: "US",
    FromState: "CA",
    StirVerstat: "TN-Validation-Passed-A",
    To: "+14155550100",
    ToCountry: "US",
  };

  it("reads a POSTed form: caller, number called, CallSid, full attestation", () => {
    expect(twilio.parse(form(incoming), "ring")).toEqual({
      kind: "ring",
      event: "incoming-call",
      from: "+14155552671",
      to: "+14155550100",
      providerCallId: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
      callerVerified: true,
    });
  });

  it("reads the query of a GET, and only the query", () => {
    const url = `https://caller-id.example.com/hooks/twilio/1?${new URLSearchParams(incoming)}`;
    const event = twilio.parse(webhook("", { method: "GET", url }), "ring");
    expect(event).toMatchObject({ kind: "ring", from: "+14155552671", providerCallId: incoming.CallSid });
  });

  it("verifies the caller only on TN-Validation-Passed-A", () => {
    const verified = (StirVerstat?: string) => {
      const fields = tweak(incoming, (f) => {
        if (StirVerstat === undefined) delete f.StirVerstat;
        else f.StirVerstat = StirVerstat;
      });
      return (twilio.parse(form(fields), "ring") as RingEvent).callerVerified;
    };
    expect(verified("TN-Validation-Passed-A")).toBe(true);
    for (const other of [
      "TN-Validation-Passed-B",
      "TN-Validation-Passed-C",
      "TN-Validation-Failed",
      "No-TN-Validation",
    ]) {
      expect(verified(other)).toBe(false);
    }
    expect(verified(undefined)).toBe(false);
  });

  it("passes withheld callers through as Twilio writes them", () => {
    for (const From of ["Anonymous", "+266696687", "+7378742833", ""]) {
      expect(twilio.parse(form({ ...incoming, From }), "ring")).toMatchObject({ kind: "ring", from: From });
    }
  });

  it("reads an empty To as none", () => {
    expect(twilio.parse(form({ ...incoming, To: "" }), "ring")).toMatchObject({ to: null });
  });

  it("ignores a status callback sent to the ring URL", () => {
    // Status callbacks carry the call's parameters too, plus CallbackSource, Timestamp, SequenceNumber.
    const status = { ...incoming, CallStatus: "completed", CallDuration: "42", CallbackSource: "call-progress-events" };
    expect(twilio.parse(form({ ...status, SequenceNumber: "3" }), "ring")).toEqual({
      kind: "other",
      event: "call-progress-events",
    });
  });

  it("rejects what Twilio never sends: no CallSid, no From, JSON, bytes that are not UTF-8", () => {
    expectInvalid(() => twilio.parse(form(tweak(incoming, (f) => delete f.CallSid)), "ring"));
    expectInvalid(() => twilio.parse(form({ ...incoming, CallSid: " " }), "ring"));
    expectInvalid(() => twilio.parse(form(tweak(incoming, (f) => delete f.From)), "ring"));
    expectInvalid(() => twilio.parse(json(incoming), "ring"));
    expectInvalid(() => twilio.parse(webhook(NOT_UTF8, { contentType: "application/x-www-form-urlencoded" }), "ring"));
  });

  it("answers stream_url with <Connect><Stream>, one escaped <Parameter> per variable", async () => {
    const response = twilio.answerRing(variables, ringOf("incoming-call"), {
      stream_url: "wss://agent.example.com/media?line=main&v=2",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect>' +
        '<Stream url="wss://agent.example.com/media?line=main&amp;v=2">' +
        '<Parameter name="caller_status" value="identified"/>' +
        '<Parameter name="caller_known" value="true"/>' +
        '<Parameter name="caller_first_name" value="Mary"/>' +
        '<Parameter name="caller_last_name" value="O&apos;Brien &amp; &lt;Sons&gt;"/>' +
        '<Parameter name="caller_name" value="Mary O&apos;Brien &amp; &lt;Sons&gt;"/>' +
        '<Parameter name="caller_email" value="mary@obrien.example"/>' +
        '<Parameter name="contact_id" value="7d5e2a51-3c2b-4f6e-9b1a-0c8d2e4f6a10"/>' +
        '<Parameter name="call_id" value="0f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a00"/>' +
        '<Parameter name="caller_verified" value="false"/>' +
        "</Stream></Connect></Response>",
    );
  });

  it("answers redirect_url with <Redirect>: the URL's own query kept, the variables added, all escaped", async () => {
    const response = twilio.answerRing(variables, ringOf("incoming-call"), {
      redirect_url: "https://agent.example.com/twiml?tenant=acme&lang=en%2DUS",
    });
    expect(response.headers.get("content-type")).toBe("text/xml");
    const body = await response.text();
    expect(body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">' +
        "https://agent.example.com/twiml?tenant=acme&amp;lang=en%2DUS" +
        "&amp;caller_status=identified&amp;caller_known=true&amp;caller_first_name=Mary" +
        "&amp;caller_last_name=O%27Brien+%26+%3CSons%3E&amp;caller_name=Mary+O%27Brien+%26+%3CSons%3E" +
        "&amp;caller_email=mary%40obrien.example&amp;contact_id=7d5e2a51-3c2b-4f6e-9b1a-0c8d2e4f6a10" +
        "&amp;call_id=0f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a00&amp;caller_verified=false" +
        "</Redirect></Response>",
    );
    // What Twilio requests, once the XML is read: the agent gets every value back exactly.
    const url = new URL(body.match(/<Redirect method="POST">(.*)<\/Redirect>/)![1]!.replaceAll("&amp;", "&"));
    expect(url.searchParams.get("tenant")).toBe("acme");
    expect(url.searchParams.get("lang")).toBe("en-US");
    for (const [name, value] of Object.entries(variables)) expect(url.searchParams.get(name)).toBe(value);
  });

  it("starts the query when the redirect URL has none", async () => {
    const response = twilio.answerRing(variables, ringOf("incoming-call"), {
      redirect_url: "https://agent.example.com/twiml",
    });
    expect(await response.text()).toContain(
      ">https://agent.example.com/twiml?caller_status=identified&amp;caller_known=",
    );
  });

  it("escapes the five XML characters and drops what XML cannot hold", () => {
    expect(xmlEscape(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
    expect(xmlEscape("bell\u0007 tab\t")).toBe("bell tab\t");
  });

  it("cannot answer without stream_url or redirect_url", () => {
    expect(() => twilio.answerRing(variables, ringOf("incoming-call"), {})).toThrow(/stream_url/);
  });
});

describe("retell", () => {
  // The inbound webhook's sample payload (https://docs.retellai.com/features/inbound-call-webhook);
  // newer deliveries add call_inbound.call_id (retell-sdk's phone-number types).
  const inbound = {
    event: "call_inbound",
    call_inbound: {
      agent_id: "agent_12345",
      agent_version: 1,
      from_number: "+12137771234",
      to_number: "+12137771235",
      call_id: "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
    },
  };
  // The call_ended example of https://docs.retellai.com/features/webhook-overview, with a transcript.
  const ended = {
    event: "call_ended",
    call: {
      call_type: "phone_call",
      from_number: "+12137771234",
      to_number: "+12137771235",
      direction: "inbound",
      call_id: "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
      agent_id: "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD",
      call_status: "ended",
      metadata: { call_id: variables.call_id },
      retell_llm_dynamic_variables: { caller_name: "Mary O'Brien" },
      start_timestamp: 1714608475945,
      end_timestamp: 1714608491736,
      disconnection_reason: "user_hangup",
      transcript: "Agent: Hi, how can I help?\nUser: I'd like to move my appointment.\n",
      transcript_object: [{ role: "agent", content: "Hi, how can I help?", words: [] }],
      opt_out_sensitive_data_storage: false,
    },
  };

  it("reads call_inbound as a ring", () => {
    expect(retell.parse(json(inbound), "ring")).toEqual({
      kind: "ring",
      event: "call_inbound",
      from: "+12137771234",
      to: "+12137771235",
      providerCallId: "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
      callerVerified: false,
    });
  });

  it("has no provider call id when the delivery carries none", () => {
    const event = retell.parse(json(tweak(inbound, (b) => delete b.call_inbound.call_id)), "ring");
    expect(event).toMatchObject({ kind: "ring", providerCallId: null });
  });

  it("passes withheld callers through; no number at all is withheld too", () => {
    const from = (change: (b: any) => void) => (retell.parse(json(tweak(inbound, change)), "ring") as RingEvent).from;
    expect(from((b) => (b.call_inbound.from_number = "anonymous"))).toBe("anonymous");
    expect(from((b) => (b.call_inbound.from_number = "+266696687"))).toBe("+266696687");
    expect(from((b) => (b.call_inbound.from_number = null))).toBe("");
    expect(from((b) => delete b.call_inbound.from_number)).toBe("");
  });

  it("reads call_ended and call_analyzed as the transcript, matched by the metadata the ring set", () => {
    const expected = {
      kind: "post_call",
      event: "call_ended",
      transcript: "Agent: Hi, how can I help?\nUser: I'd like to move my appointment.",
      callId: variables.call_id,
      providerCallId: "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
      from: "+12137771234",
      to: "+12137771235",
    };
    expect(retell.parse(json(ended), "ring")).toEqual(expected);
    const analyzed = tweak(ended, (b) => {
      b.event = "call_analyzed";
      b.call.call_analysis = { call_summary: "Moved an appointment.", user_sentiment: "Positive" };
    });
    expect(retell.parse(json(analyzed), "ring")).toEqual({ ...expected, event: "call_analyzed" });
  });

  it("falls back to the provider call id when no ring set the metadata, whatever the metadata holds", () => {
    for (const metadata of [{}, undefined, null, "crm-42", { call_id: 42 }]) {
      const body = tweak(ended, (b) => (b.call.metadata = metadata));
      expect(retell.parse(json(body), "ring")).toMatchObject({ callId: null, providerCallId: ended.call.call_id });
    }
  });

  it("ignores the end of a call without a transcript, and web calls", () => {
    // Calls that never connected (dial_no_answer...) still send call_ended and call_analyzed.
    const noTranscript = tweak(ended, (b) => delete b.call.transcript);
    expect(retell.parse(json(noTranscript), "ring")).toEqual({ kind: "other", event: "call_ended" });
    expect(retell.parse(json(tweak(ended, (b) => (b.call.transcript = " \n"))), "ring")).toMatchObject({
      kind: "other",
    });
    const web = tweak(ended, (b) => {
      b.call.call_type = "web_call";
      delete b.call.from_number;
      delete b.call.to_number;
    });
    expect(retell.parse(json(web), "ring")).toEqual({ kind: "other", event: "call_ended" });
  });

  it("ignores other events", () => {
    expect(retell.parse(json({ ...ended, event: "call_started" }), "ring")).toEqual({
      kind: "other",
      event: "call_started",
    });
    expect(retell.parse(json({ event: "chat_inbound", chat_inbound: {} }), "ring")).toEqual({
      kind: "other",
      event: "chat_inbound",
    });
  });

  it("rejects bodies that are not Retell's", () => {
    expectInvalid(() => retell.parse(webhook("not json"), "ring"));
    expectInvalid(() => retell.parse(webhook(NOT_UTF8), "ring"));
    expectInvalid(() => retell.parse(json([inbound]), "ring"));
    expectInvalid(() => retell.parse(json("call_inbound"), "ring"));
    expectInvalid(() => retell.parse(json({ call_inbound: inbound.call_inbound }), "ring"));
    expectInvalid(() => retell.parse(json({ event: "call_inbound" }), "ring"));
    expectInvalid(() => retell.parse(json(tweak(inbound, (b) => (b.call_inbound.from_number = 12137771234))), "ring"));
    expectInvalid(() => retell.parse(json({ event: "call_ended" }), "ring"));
    expectInvalid(() => retell.parse(json(tweak(ended, (b) => (b.call.transcript = ["Agent: Hi"]))), "ring"));
  });

  it("names the field, never its value, when it rejects", () => {
    const parse = () =>
      retell.parse(json(tweak(ended, (b) => (b.call.transcript = { secret: "my PIN is 1234" }))), "ring");
    expect(parse).toThrow(/call\.transcript/);
    expect(parse).not.toThrow(/1234/);
  });

  it("answers the variables as dynamic variables, and the call id as metadata", async () => {
    const response = retell.answerRing(variables, ringOf("call_inbound"), {});
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      call_inbound: { dynamic_variables: variables, metadata: { call_id: variables.call_id } },
    });
  });
});

describe("vapi", () => {
  // Server messages as https://docs.vapi.ai/server-url/events describes them; the end-of-call report's
  // artifact.transcript is a string (Artifact.transcript in Vapi's OpenAPI, as vapi-client generates it).
  const call = {
    id: "3b1f8f4e-4a6b-4c52-9d1e-1f2e3d4c5b6a",
    orgId: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    type: "inboundPhoneCall",
    phoneCallProvider: "twilio",
    phoneCallTransport: "pstn",
    phoneCallProviderId: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
    status: "ringing",
  };
  const phoneNumber = { id: "8f7e6d5c-4b3a-4291-8e7f-6a5b4c3d2e1f", number: "+14155550100", provider: "twilio" };
  const customer = { number: "+14155552671" };
  const assistantRequest = {
    message: { timestamp: 1730000000000, type: "assistant-request", call, phoneNumber, customer },
  };
  const report = {
    message: {
      timestamp: 1730000095000,
      type: "end-of-call-report",
      endedReason: "customer-ended-call",
      call: { ...call, status: "ended" },
      phoneNumber,
      customer,
      artifact: {
        messages: [{ role: "bot", message: "Thank you for calling.", time: 1730000001000, secondsFromStart: 0.5 }],
        transcript: "AI: Thank you for calling.\nUser: Hi, I need to move my appointment.\n",
        recordingUrl: "https://storage.vapi.ai/recording.wav",
      },
      analysis: { summary: "The caller moved an appointment." },
      startedAt: "2024-10-27T03:33:20.000Z",
      endedAt: "2024-10-27T03:34:55.000Z",
    },
  };

  it("reads assistant-request as a ring", () => {
    expect(vapi.parse(json(assistantRequest), "ring")).toEqual({
      kind: "ring",
      event: "assistant-request",
      from: "+14155552671",
      to: "+14155550100",
      providerCallId: call.id,
      callerVerified: false,
    });
  });

  it("passes withheld callers through; no customer number is withheld", () => {
    const from = (change: (b: any) => void) =>
      (vapi.parse(json(tweak(assistantRequest, change)), "ring") as RingEvent).from;
    expect(from((b) => (b.message.customer.number = "anonymous"))).toBe("anonymous");
    expect(from((b) => (b.message.customer = {}))).toBe("");
    expect(from((b) => delete b.message.customer)).toBe("");
  });

  it("reads end-of-call-report as the transcript of the call it names", () => {
    expect(vapi.parse(json(report), "ring")).toEqual({
      kind: "post_call",
      event: "end-of-call-report",
      transcript: "AI: Thank you for calling.\nUser: Hi, I need to move my appointment.",
      callId: null,
      providerCallId: call.id,
      from: "+14155552671",
      to: "+14155550100",
    });
  });

  it("ignores a report without a transcript, web calls and every other message", () => {
    expect(vapi.parse(json(tweak(report, (b) => delete b.message.artifact.transcript)), "ring")).toEqual({
      kind: "other",
      event: "end-of-call-report",
    });
    expect(vapi.parse(json(tweak(report, (b) => (b.message.call.type = "webCall"))), "ring")).toMatchObject({
      kind: "other",
    });
    for (const type of ["status-update", "conversation-update", "tool-calls", "hang", "speech-update"]) {
      expect(vapi.parse(json({ message: { type, call } }), "ring")).toEqual({ kind: "other", event: type });
    }
  });

  it("rejects bodies that are not Vapi's", () => {
    expectInvalid(() => vapi.parse(webhook("{"), "ring"));
    expectInvalid(() => vapi.parse(json({}), "ring"));
    expectInvalid(() => vapi.parse(json({ message: "assistant-request" }), "ring"));
    expectInvalid(() => vapi.parse(json({ message: { call } }), "ring"));
    expectInvalid(() =>
      vapi.parse(json(tweak(assistantRequest, (b) => (b.message.customer.number = 14155552671))), "ring"),
    );
    expectInvalid(() =>
      vapi.parse(json(tweak(report, (b) => (b.message.artifact.transcript = [{ role: "user" }]))), "ring"),
    );
  });

  it("answers with the integration's assistant and the variables as its variable values", async () => {
    const response = vapi.answerRing(variables, ringOf("assistant-request"), { assistant_id: "asst_5f1c2d3e" });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      assistantId: "asst_5f1c2d3e",
      assistantOverrides: { variableValues: variables },
    });
    expect(() => vapi.answerRing(variables, ringOf("assistant-request"), {})).toThrow(/assistant_id/);
  });
});

describe("elevenlabs", () => {
  // The conversation initiation webhook's parameters for inbound Twilio calls
  // (https://elevenlabs.io/docs/agents-platform/customization/personalization/twilio-personalization).
  const initiation = {
    caller_id: "+14155552671",
    agent_id: "agent_01jx8c3z5qf7e9r2t4y6u8i0o",
    called_number: "+14155550100",
    call_sid: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
  };
  // A post_call_transcription webhook (https://elevenlabs.io/docs/conversational-ai/workflows/post-call-webhooks):
  // turns with role and message (null on a tool call), the phone call in data.metadata.phone_call.
  const transcription = {
    type: "post_call_transcription",
    event_timestamp: 1739537297,
    data: {
      agent_id: "agent_01jx8c3z5qf7e9r2t4y6u8i0o",
      conversation_id: "conv_01jx8c9k2mv7a3b5c7d9e1f3g5",
      status: "done",
      transcript: [
        { role: "agent", message: "Hello Mary, how can I help?", tool_calls: null, time_in_call_secs: 0 },
        { role: "user", message: "I'd like to check my order.", tool_calls: null, time_in_call_secs: 3 },
        { role: "agent", message: null, tool_calls: [{ tool_name: "lookup_order" }], time_in_call_secs: 5 },
        { role: "agent", message: "It ships tomorrow.", tool_calls: null, time_in_call_secs: 7 },
      ],
      metadata: {
        start_time_unix_secs: 1739537200,
        call_duration_secs: 22,
        phone_call: {
          direction: "inbound",
          phone_number_id: "phnum_01jx8cb0w3",
          agent_number: "+14155550100",
          external_number: "+14155552671",
          type: "twilio",
          call_sid: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
        },
      },
      analysis: { call_successful: "success", transcript_summary: "Order status." },
      conversation_initiation_client_data: { dynamic_variables: { call_id: variables.call_id } },
    },
  };

  it("reads the conversation initiation webhook as a ring", () => {
    expect(elevenlabs.parse(json(initiation), "ring")).toEqual({
      kind: "ring",
      event: "conversation_initiation",
      from: "+14155552671",
      to: "+14155550100",
      providerCallId: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
      callerVerified: false,
    });
  });

  it("passes withheld callers through; no caller id is withheld", () => {
    const from = (change: (b: any) => void) =>
      (elevenlabs.parse(json(tweak(initiation, change)), "ring") as RingEvent).from;
    expect(from((b) => (b.caller_id = "Anonymous"))).toBe("Anonymous");
    expect(from((b) => (b.caller_id = null))).toBe("");
    expect(from((b) => delete b.caller_id)).toBe("");
  });

  it("reads post_call_transcription as one line per spoken turn; the ring's call_id comes back with it", () => {
    expect(elevenlabs.parse(json(transcription), "post_call")).toEqual({
      kind: "post_call",
      event: "post_call_transcription",
      transcript: "Agent: Hello Mary, how can I help?\nCaller: I'd like to check my order.\nAgent: It ships tomorrow.",
      callId: "0f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a00",
      providerCallId: "CA5f0d6c9e8b7a6f5e4d3c2b1a09876543",
      from: "+14155552671",
      to: "+14155550100",
    });
  });

  it("ignores audio and failure webhooks, conversations outside a call, and silent calls", () => {
    for (const type of ["post_call_audio", "call_initiation_failure"]) {
      expect(elevenlabs.parse(json({ type, data: {} }), "post_call")).toEqual({ kind: "other", event: type });
    }
    const widget = tweak(transcription, (b) => delete b.data.metadata.phone_call);
    expect(elevenlabs.parse(json(widget), "post_call")).toMatchObject({ kind: "other" });
    const silent = tweak(transcription, (b) => (b.data.transcript = [{ role: "agent", message: null }]));
    expect(elevenlabs.parse(json(silent), "post_call")).toMatchObject({ kind: "other" });
  });

  it("rejects bodies that are not ElevenLabs'", () => {
    expectInvalid(() => elevenlabs.parse(webhook("caller_id=+14155552671"), "ring"));
    expectInvalid(() => elevenlabs.parse(json([initiation]), "ring"));
    expectInvalid(() => elevenlabs.parse(json({ ...initiation, caller_id: 14155552671 }), "ring"));
    expectInvalid(() => elevenlabs.parse(json(transcription.data), "post_call"));
    expectInvalid(() => elevenlabs.parse(json({ type: "post_call_transcription" }), "post_call"));
    expectInvalid(() =>
      elevenlabs.parse(json(tweak(transcription, (b) => (b.data.transcript = "Agent: Hi"))), "post_call"),
    );
  });

  it("refuses the post-call webhook while no webhook secret is set", async () => {
    for (const webhookSecret of [null, ""]) {
      const verification = await elevenlabs.verify(
        json(transcription),
        { secret: "ring-secret", webhookSecret, settings: {} },
        "post_call" satisfies Endpoint,
      );
      expect(verification).toMatchObject({ ok: false, outcome: "rejected_signature" });
      expect(verification.ok || verification.detail).toMatch(/webhook_secret/);
    }
  });

  it("answers conversation initiation client data", async () => {
    const response = elevenlabs.answerRing(variables, ringOf("conversation_initiation"), {});
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      type: "conversation_initiation_client_data",
      dynamic_variables: variables,
    });
  });
});

describe("telnyx", () => {
  // An AI assistant's dynamic variables webhook
  // (https://developers.telnyx.com/docs/inference/ai-assistants/dynamic-variables).
  const initialization = {
    data: {
      record_type: "event",
      id: "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
      event_type: "assistant.initialization",
      occurred_at: "2026-11-30T10:15:00.000Z",
      payload: {
        telnyx_conversation_channel: "phone_call",
        telnyx_agent_target: "+13128675309",
        telnyx_end_user_target: "+13125550123",
        telnyx_end_user_target_verified: false,
        call_control_id: "v3:9X2vxPDFY2RHSJ1EdMS0RHRksMTg7ldNxdjWbVr9zBjbGjGsSe-aiQ",
        assistant_id: "assistant-5f1c2d3e-4b5a-4987-8a6b-5c4d3e2f1a00",
      },
    },
  };
  // A Call Control call.initiated webhook (the telnyx SDK's CallInitiated type).
  const initiated = {
    data: {
      record_type: "event",
      id: "e9a3c1f2-8b7d-4e6f-a5c4-3b2a1f0e9d8c",
      event_type: "call.initiated",
      occurred_at: "2026-11-30T10:15:00.000Z",
      payload: {
        call_control_id: "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
        call_leg_id: "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        call_session_id: "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
        caller_id_name: "+13125550123",
        client_state: null,
        connection_id: "1684641123236054244",
        direction: "incoming",
        from: "+13125550123",
        to: "+13128675309",
        start_time: "2026-11-30T10:15:00.000Z",
        state: "parked",
        shaken_stir_attestation: "A",
        shaken_stir_validated: true,
      },
    },
    meta: { attempt: 1, delivered_to: "https://caller-id.example.com/hooks/telnyx/1" },
  };

  it("reads assistant.initialization as a ring", () => {
    expect(telnyx.parse(json(initialization), "ring")).toEqual({
      kind: "ring",
      event: "assistant.initialization",
      from: "+13125550123",
      to: "+13128675309",
      providerCallId: initialization.data.payload.call_control_id,
      callerVerified: false,
    });
  });

  it("reads an incoming call.initiated as a ring, and ignores an outgoing one", () => {
    expect(telnyx.parse(json(initiated), "ring")).toEqual({
      kind: "ring",
      event: "call.initiated",
      from: "+13125550123",
      to: "+13128675309",
      providerCallId: initiated.data.payload.call_control_id,
      callerVerified: true,
    });
    const outgoing = tweak(initiated, (b) => (b.data.payload.direction = "outgoing"));
    expect(telnyx.parse(json(outgoing), "ring")).toEqual({ kind: "other", event: "call.initiated" });
  });

  it("verifies the caller on validated A attestation, or on Telnyx's own verdict", () => {
    const verified = (body: unknown) => (telnyx.parse(json(body), "ring") as RingEvent).callerVerified;
    const attested = (attestation: unknown, validated: unknown) =>
      verified(
        tweak(initiated, (b) => {
          b.data.payload.shaken_stir_attestation = attestation;
          b.data.payload.shaken_stir_validated = validated;
        }),
      );
    expect(attested("A", true)).toBe(true);
    expect(attested("A", false)).toBe(false);
    expect(attested("A", "true")).toBe(false);
    expect(attested("B", true)).toBe(false);
    expect(attested(undefined, undefined)).toBe(false);
    const endUser = (value: unknown) =>
      verified(tweak(initialization, (b) => (b.data.payload.telnyx_end_user_target_verified = value)));
    expect(endUser(true)).toBe(true);
    expect(endUser(false)).toBe(false);
    expect(endUser("true")).toBe(false);
  });

  it("passes withheld callers through; no number is withheld", () => {
    const from = (body: unknown) => (telnyx.parse(json(body), "ring") as RingEvent).from;
    expect(from(tweak(initialization, (b) => (b.data.payload.telnyx_end_user_target = "anonymous")))).toBe("anonymous");
    expect(from(tweak(initialization, (b) => delete b.data.payload.telnyx_end_user_target))).toBe("");
    expect(from(tweak(initiated, (b) => (b.data.payload.from = "+266696687")))).toBe("+266696687");
    expect(from(tweak(initiated, (b) => (b.data.payload.from = "")))).toBe("");
  });

  it("ignores every other event", () => {
    for (const event_type of ["call.answered", "call.hangup", "call.conversation.ended", "message.received"]) {
      const body = tweak(initiated, (b) => (b.data.event_type = event_type));
      expect(telnyx.parse(json(body), "ring")).toEqual({ kind: "other", event: event_type });
    }
  });

  it("rejects bodies that are not Telnyx's", () => {
    expectInvalid(() => telnyx.parse(webhook(""), "ring"));
    expectInvalid(() => telnyx.parse(json(null), "ring"));
    expectInvalid(() => telnyx.parse(json({}), "ring"));
    expectInvalid(() => telnyx.parse(json({ data: { payload: initiated.data.payload } }), "ring"));
    expectInvalid(() => telnyx.parse(json({ data: { event_type: "assistant.initialization" } }), "ring"));
    expectInvalid(() => telnyx.parse(json(tweak(initiated, (b) => (b.data.payload.from = 13125550123))), "ring"));
  });

  it("answers assistant.initialization with dynamic variables, call.initiated with nothing", async () => {
    const assistant = telnyx.answerRing(variables, ringOf("assistant.initialization"), {});
    expect(assistant.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await assistant.json()).toEqual({ dynamic_variables: variables });
    expect(await telnyx.answerRing(variables, ringOf("call.initiated"), {}).json()).toEqual({});
  });
});
