// npm run webhook -- <provider> <integration-id> …: one webhook request, signed as the platform signs it, sent
// to a running `npm run dev` (or --base). Twilio and Retell sign through their SDKs (twilio's
// getExpectedTwilioSignature, retell-sdk's Retell.sign); Vapi and the ElevenLabs ring send the secret itself;
// ElevenLabs post-call is its documented HMAC; Telnyx is Ed25519 with a key pair of `telnyx-keys`.
// Payloads are shaped as src/mods/integration/services/providers/*.ts read them.
import { createHmac, createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { parseArgs } from "node:util";
import Retell from "retell-sdk";
import twilio from "twilio";

const HELP = `Sends one signed test webhook to the service and prints the request and the answer.

  npm run webhook -- twilio <id> --secret <auth token> [--verified]
  npm run webhook -- retell <id> --secret <api key> [--event call_inbound|call_ended|call_analyzed]
  npm run webhook -- vapi <id> --secret <server secret> [--event assistant-request|end-of-call-report]
  npm run webhook -- elevenlabs <id> --secret <header secret>          (the ring: conversation_initiation)
  npm run webhook -- elevenlabs <id> --webhook-secret <hmac secret> --event post_call_transcription
  npm run -s webhook -- telnyx-keys          (a new key pair: TELNYX_PUBLIC_KEY=… TELNYX_PRIVATE_KEY=…)
  npm run webhook -- telnyx <id> --private-key <base64> [--event assistant.initialization|call.initiated] [--verified]

Options:
  --base <url>          the service (default http://localhost:8787); Twilio signs this exact URL
  --from, --to <number> the caller and the number called (default +14155550123, +14155550100)
  --call-id <id>        the provider's call id (default: a new one per run); give the ring's to a post-call event
  --transcript <text>   what the caller says in a post-call event (default: a name and an email)
  --verified            the caller passed STIR/SHAKEN with full attestation (twilio, telnyx)
  --help`;

const { values: opts, positionals } = parseOptions({
  allowPositionals: true,
  options: {
    base: { type: "string", default: "http://localhost:8787" },
    secret: { type: "string" },
    "webhook-secret": { type: "string" },
    "private-key": { type: "string" },
    event: { type: "string" },
    from: { type: "string", default: "+14155550123" },
    to: { type: "string", default: "+14155550100" },
    "call-id": { type: "string" },
    transcript: { type: "string", default: "Hi, my name is Alan Turing, my email is alan@example.com." },
    verified: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

function parseOptions(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    fail(error.message);
  }
}

const [provider, id] = positionals;
const AGENT_LINE = "Acme, how can I help?";
const hex = (bytes) => randomBytes(bytes).toString("hex");
const unixSeconds = () => Math.floor(Date.now() / 1000);

function fail(message) {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

function need(name) {
  if (!opts[name]) fail(`${provider} needs --${name}`);
  return opts[name];
}

function pickEvent(events) {
  const event = opts.event ?? events[0];
  if (!events.includes(event)) fail(`${provider} events: ${events.join(", ")}`);
  return event;
}

const JSON_TYPE = { "content-type": "application/json" };

// --- one function per provider: {url, headers, body, hidden} --------------------------------

async function twilioRequest(url) {
  const authToken = need("secret");
  const params = {
    AccountSid: `AC${hex(16)}`,
    ApiVersion: "2010-04-01",
    CallSid: opts["call-id"] ?? `CA${hex(16)}`,
    CallStatus: "ringing",
    Direction: "inbound",
    From: opts.from,
    Caller: opts.from,
    To: opts.to,
    Called: opts.to,
    ...(opts.verified && { StirVerstat: "TN-Validation-Passed-A" }),
  };
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature };
  return { url, headers, body: new URLSearchParams(params).toString() };
}

async function retellRequest(url) {
  const apiKey = need("secret");
  const event = pickEvent(["call_inbound", "call_ended", "call_analyzed"]);
  const callId = opts["call-id"] ?? hex(16);
  const payload =
    event === "call_inbound"
      ? { event, call_inbound: { agent_id: "agent_test", from_number: opts.from, to_number: opts.to, call_id: callId } }
      : {
          event,
          call: {
            call_id: callId,
            call_type: "phone_call",
            direction: "inbound",
            call_status: "ended",
            from_number: opts.from,
            to_number: opts.to,
            transcript: `Agent: ${AGENT_LINE}\nUser: ${opts.transcript}\n`,
          },
        };
  const body = JSON.stringify(payload);
  return { url, headers: { ...JSON_TYPE, "x-retell-signature": await Retell.sign(body, apiKey) }, body };
}

async function vapiRequest(url) {
  const secret = need("secret");
  const type = pickEvent(["assistant-request", "end-of-call-report"]);
  const message = {
    timestamp: Date.now(),
    type,
    call: { id: opts["call-id"] ?? randomUUID(), type: "inboundPhoneCall" },
    customer: { number: opts.from },
    phoneNumber: { number: opts.to },
    ...(type === "end-of-call-report" && {
      endedReason: "customer-ended-call",
      artifact: { transcript: `AI: ${AGENT_LINE}\nUser: ${opts.transcript}\n` },
    }),
  };
  return { url, headers: { ...JSON_TYPE, "x-vapi-secret": secret }, body: JSON.stringify({ message }), hidden: secret };
}

async function elevenlabsRequest(url) {
  const event = pickEvent(["conversation_initiation", "post_call_transcription"]);
  const callSid = opts["call-id"] ?? `CA${hex(16)}`;
  if (event === "conversation_initiation") {
    const secret = need("secret");
    const body = JSON.stringify({
      caller_id: opts.from,
      agent_id: "agent_test",
      called_number: opts.to,
      call_sid: callSid,
    });
    return { url, headers: { ...JSON_TYPE, "x-webhook-secret": secret }, body, hidden: secret };
  }
  const webhookSecret = need("webhook-secret");
  const body = JSON.stringify({
    type: event,
    event_timestamp: unixSeconds(),
    data: {
      agent_id: "agent_test",
      conversation_id: `conv_${hex(12)}`,
      status: "done",
      transcript: [
        { role: "agent", message: AGENT_LINE, time_in_call_secs: 0 },
        { role: "user", message: opts.transcript, time_in_call_secs: 3 },
      ],
      metadata: {
        phone_call: {
          direction: "inbound",
          type: "twilio",
          external_number: opts.from,
          agent_number: opts.to,
          call_sid: callSid,
        },
      },
    },
  });
  const t = unixSeconds();
  const v0 = createHmac("sha256", webhookSecret).update(`${t}.${body}`).digest("hex");
  return { url: `${url}/post-call`, headers: { ...JSON_TYPE, "elevenlabs-signature": `t=${t},v0=${v0}` }, body };
}

async function telnyxRequest(url) {
  const key = need("private-key");
  const event = pickEvent(["assistant.initialization", "call.initiated"]);
  const callControlId = opts["call-id"] ?? `v3:${randomBytes(24).toString("base64url")}`;
  const payload =
    event === "assistant.initialization"
      ? {
          telnyx_conversation_channel: "phone_call",
          telnyx_end_user_target: opts.from,
          telnyx_agent_target: opts.to,
          telnyx_end_user_target_verified: opts.verified,
          call_control_id: callControlId,
        }
      : {
          call_control_id: callControlId,
          direction: "incoming",
          from: opts.from,
          to: opts.to,
          state: "parked",
          ...(opts.verified && { shaken_stir_attestation: "A", shaken_stir_validated: true }),
        };
  const body = JSON.stringify({
    data: { record_type: "event", id: randomUUID(), event_type: event, occurred_at: new Date().toISOString(), payload },
  });
  const timestamp = String(unixSeconds());
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`), telnyxPrivateKey(key)).toString("base64");
  const headers = { ...JSON_TYPE, "telnyx-signature-ed25519": signature, "telnyx-timestamp": timestamp };
  return { url, headers, body };
}

/** PEM, or base64 of the PKCS#8 DER that `telnyx-keys` prints. */
function telnyxPrivateKey(text) {
  if (text.includes("-----BEGIN")) return createPrivateKey(text);
  return createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
}

/** As shell assignments, so that `eval "$(npm run -s webhook -- telnyx-keys)"` sets both. */
function telnyxKeys() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
  console.log(`TELNYX_PUBLIC_KEY=${raw.toString("base64")}  # the integration's secret (Telnyx's "Public Key")`);
  console.log(`TELNYX_PRIVATE_KEY=${pkcs8.toString("base64")}  # --private-key, to sign as Telnyx would`);
}

// --- the one send ---------------------------------------------------------------------------

async function send({ url, headers, body, hidden }) {
  console.log(`> POST ${url}`);
  for (const [name, value] of Object.entries(headers))
    console.log(`> ${name}: ${value === hidden ? "<secret>" : value}`);
  console.log(`>\n> ${body}\n`);
  const res = await fetch(url, { method: "POST", headers, body }).catch((error) => {
    console.error(`could not reach ${url} (${error.cause?.code ?? error.message}): is \`npm run dev\` running?`);
    process.exit(1);
  });
  console.log(`< ${res.status} ${res.statusText}`);
  console.log(`< content-type: ${res.headers.get("content-type")}\n<`);
  const text = await res.text();
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {}
  console.log(shown);
  if (!res.ok) {
    console.error(
      `\nwhy: GET /api/integrations/${id}/deliveries (the latest delivery's detail), or the integration's page`,
    );
    process.exitCode = 1;
  }
}

const requests = {
  twilio: twilioRequest,
  retell: retellRequest,
  vapi: vapiRequest,
  elevenlabs: elevenlabsRequest,
  telnyx: telnyxRequest,
};

if (opts.help || !provider) {
  console.log(HELP);
} else if (provider === "telnyx-keys") {
  telnyxKeys();
} else if (!requests[provider]) {
  fail(`unknown provider "${provider}"`);
} else if (!id) {
  fail("give the integration's id (GET /api/integrations, or its page in the UI)");
} else {
  const url = `${opts.base.replace(/\/+$/, "")}/hooks/${provider}/${encodeURIComponent(id)}`;
  await send(await requests[provider](url));
}
