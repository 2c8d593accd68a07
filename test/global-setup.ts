import type { TestProject } from "vitest/node";
import { startFakeOpenAI } from "../tools/fake-openai.mjs";
import { startWebhookSigner } from "../tools/webhook-signer.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    openaiUrl: string;
    webhookSignerUrl: string;
  }
}

/**
 * The fake OpenAI runs in Node, on 127.0.0.1; the Worker reaches it through OPENAI_BASE_URL. So do
 * the providers' webhook SDKs (tools/webhook-signer.mjs), which tests reach through WEBHOOK_SIGNER_URL.
 */
export default async function setup(project: TestProject) {
  const [fake, signer] = await Promise.all([startFakeOpenAI(), startWebhookSigner()]);
  project.provide("openaiUrl", fake.url);
  project.provide("webhookSignerUrl", signer.url);
  return () => Promise.all([fake.close(), signer.close()]);
}
