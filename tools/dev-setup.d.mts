import type { FakeOpenAI } from "./fake-openai.mjs";

export const DEV_SERVER_VARS: Record<string, string>;
export function startDevFakeOpenAI(
  devVars: string,
  options?: { stateDir?: string; delayMs?: number },
): Promise<{ fake: FakeOpenAI | null; enrichmentConfig: string }>;
