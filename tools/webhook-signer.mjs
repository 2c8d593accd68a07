// The providers' official SDKs, for tests: they run in Node, not in workerd, so the workers tests
// reach them over HTTP on 127.0.0.1. Every endpoint is a POST taking and answering JSON:
//
// - /twilio/sign {authToken, url, params} → {signature}: twilio's getExpectedTwilioSignature
//   (params: {name: value or [values]}).
// - /twilio/validate {authToken, signature, url, params} → {valid}: twilio's validateRequest.
// - /retell/sign {body, apiKey, timestampMs?} → {signature}: Retell.sign. It takes no timestamp:
//   with one, the function Retell.sign calls (retell-sdk/lib/webhook_auth's symmetric.sign).
// - /retell/verify {body, apiKey, signature} → {valid}: Retell.verify (against Node's clock).
// - /telnyx/verify {body, signature, timestamp, publicKey} → {valid, error?}: telnyx's
//   TelnyxWebhook.verify (against Node's clock). The SDK cannot sign: tests make a key pair.
//
// ElevenLabs' SDK (about 100 MB) is not installed: tests sign its post-call webhooks per the
// documented algorithm (test/support/webhook-signer.ts).
import { createServer } from "node:http";
import Retell from "retell-sdk";
import { symmetric } from "retell-sdk/lib/webhook_auth";
import { TelnyxWebhook } from "telnyx/lib/webhooks";
import twilio from "twilio";

const routes = {
  "/twilio/sign": ({ authToken, url, params }) => ({
    signature: twilio.getExpectedTwilioSignature(authToken, url, params ?? {}),
  }),
  "/twilio/validate": ({ authToken, signature, url, params }) => ({
    valid: twilio.validateRequest(authToken, signature, url, params ?? {}),
  }),
  "/retell/sign": async ({ body, apiKey, timestampMs }) => ({
    signature:
      timestampMs === undefined ? await Retell.sign(body, apiKey) : await symmetric.sign(body, apiKey, timestampMs),
  }),
  "/retell/verify": async ({ body, apiKey, signature }) => ({ valid: await Retell.verify(body, apiKey, signature) }),
  "/telnyx/verify": async ({ body, signature, timestamp, publicKey }) => {
    try {
      const headers = { "telnyx-signature-ed25519": signature, "telnyx-timestamp": timestamp };
      await new TelnyxWebhook(publicKey).verify(body, headers);
      return { valid: true };
    } catch (error) {
      return { valid: false, error: error.message };
    }
  },
};

export async function startWebhookSigner({ port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const route = routes[new URL(req.url, "http://localhost").pathname];
    if (req.method !== "POST" || !route) return send(404, { error: "not found" });
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    try {
      send(200, await route(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    } catch (error) {
      send(500, { error: String(error?.stack ?? error) });
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
