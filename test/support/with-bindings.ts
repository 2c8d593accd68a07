import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { app } from "../../src/app";
import { BASE, type Caller } from "./helpers";

/**
 * A JSON request straight through the app with some of the Worker's bindings replaced (a queue
 * that records or fails, a D1 that counts, another DEFAULT_PHONE_COUNTRY); it waits for what
 * the request left to waitUntil before answering.
 */
export async function sendWithBindings(
  bindings: { [Name in keyof Env]?: unknown },
  caller: Caller,
  method: string,
  path: string,
  body: unknown,
) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(BASE + path, {
      method,
      headers: { "content-type": "application/json", origin: BASE, ...caller.headers },
      body: JSON.stringify(body),
    }),
    { ...env, ...bindings },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}
