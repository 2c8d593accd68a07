import type { TestProject } from "vitest/node";
import { startFakeOpenAI } from "../tools/fake-openai.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    openaiUrl: string;
  }
}

/** The fake OpenAI runs in Node, on 127.0.0.1; the Worker reaches it through OPENAI_BASE_URL. */
export default async function setup(project: TestProject) {
  const fake = await startFakeOpenAI();
  project.provide("openaiUrl", fake.url);
  return () => fake.close();
}
