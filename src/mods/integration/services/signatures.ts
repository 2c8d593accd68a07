/*
 * Webhook signatures, verified over the raw request with Web Crypto only: no node:crypto and no
 * provider SDK in the Worker's bundle. One file per scheme in signatures/; each answers a
 * Verification whose detail a person can act on and never holds a secret. The tests check every
 * verifier against the provider's official SDK (tools/webhook-signer.mjs).
 */
export { verifyElevenLabsPostCall } from "./signatures/elevenlabs";
export { verifyRetell } from "./signatures/retell";
export { verifySharedSecret } from "./signatures/shared-secret";
export { verifyTelnyx } from "./signatures/telnyx";
export { verifyTwilio } from "./signatures/twilio";
