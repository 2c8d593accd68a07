import { env } from "cloudflare:workers";
import { expect, inject, vi } from "vitest";
import { type Caller, expectJson, expectStatus, getCall, transcribe } from "./helpers";

/*
 * Helpers of the enrichment tests: scripting the fake OpenAI (tools/fake-openai.mjs) per token,
 * reading what it received, and waiting for the queue consumer to settle a call.
 */

/** The fake OpenAI's root (its API is under /v1, its test routes under /__). */
const FAKE = inject("openaiUrl").replace(/\/v1$/, "");

export interface Step {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer: the client's timeout must fire. */
  hang?: boolean;
}

/** Scripts the fake's answers to requests whose input holds `token`, in order, the last repeating. */
export async function scenario(token: string, ...responses: Step[]) {
  const res = await fetch(`${FAKE}/__scenarios`, { method: "POST", body: JSON.stringify({ token, responses }) });
  expect(res.status).toBe(200);
  await res.body?.cancel();
}

export interface ReceivedRequest {
  headers: Record<string, string>;
  body: any;
  /** Epoch ms, when the fake received it. */
  receivedAt: number;
}

/** The requests the fake received for `token`, oldest first. */
export async function requestsFor(token: string): Promise<ReceivedRequest[]> {
  const res = await fetch(`${FAKE}/__requests?token=${encodeURIComponent(token)}`);
  expect(res.status).toBe(200);
  return res.json();
}

/** The one request the fake received for `token`. */
export async function onlyRequestFor(token: string): Promise<ReceivedRequest> {
  const received = await requestsFor(token);
  expect(received).toHaveLength(1);
  return received[0] as ReceivedRequest;
}

/** A completed Responses API answer whose output text is `json` (a string is sent as is). */
export function answer(json: unknown) {
  return responseOf([
    { type: "output_text", text: typeof json === "string" ? json : JSON.stringify(json), annotations: [] },
  ]);
}

/** A Responses API answer with this message content (output_text, refusal, …). */
export function responseOf(content: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: `resp_${crypto.randomUUID()}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "completed",
    model: "gpt-5",
    output: [{ id: `msg_${crypto.randomUUID()}`, type: "message", role: "assistant", status: "completed", content }],
    usage: { input_tokens: 100, output_tokens: 20, total_tokens: 120 },
    ...extra,
  };
}

/** An OpenAI error answer: `{error: {message, type, code}}` with this status. */
export function apiError(
  status: number,
  type: string,
  code: string | null = null,
  headers?: Record<string, string>,
): Step {
  return { status, headers, body: { error: { message: `fake ${status} ${type}`, type, param: null, code } } };
}

/** A token unique to one test: put in a transcript, it ties the fake's scenario and requests to it. */
export const newToken = () => `tok-${crypto.randomUUID()}`;

/** An email address unique to `token`, e.g. `ada.1a2b3c4d@example.com`. */
export const emailFor = (token: string, local = "caller") =>
  `${local}.${token.replace(/\W/g, "").slice(-12)}@example.com`;

export const WAIT = { timeout: 15_000, interval: 200 };

export const duplicatesOf = async (caller: Caller, id: string) =>
  (await expectJson(caller, "GET", `/api/contacts/${id}/duplicates`, undefined, 200)).data as {
    contact: { id: string };
    reason: string;
  }[];

/** A call transcript with the test's token in it. */
export const transcriptWith = (token: string, talk = "Caller: Hi, I'd like to book a table.") =>
  `Agent: Thanks for calling Luigi's, this is Grace speaking, how can I help?\n${talk}\nAgent: Sure. [${token}]`;

/** Posts a transcription through the API and expects its 202 answer, enrichment `queued` (or as given). */
export async function expectTranscribed(
  caller: Caller,
  callId: string,
  transcription: string,
  enrichment: "queued" | "not_needed" = "queued",
) {
  expect(await expectStatus(await transcribe(caller, callId, transcription), 202)).toEqual({
    call_id: callId,
    enrichment,
  });
}

/** Asks to enrich the call again (POST /api/calls/{id}/enrich) and expects its 202; answers the body. */
export const expectRequeued = (caller: Caller, callId: string) =>
  expectJson(caller, "POST", `/api/calls/${callId}/enrich`, undefined, 202);

/** Waits until the consumer has settled the call (its status is no longer `queued`), and answers it. */
export async function settled(caller: Caller, callId: string, timeout = WAIT.timeout) {
  return vi.waitFor(
    async () => {
      const call = await getCall(caller, callId);
      expect(call.enrichment_status).not.toBe("queued");
      return call;
    },
    { ...WAIT, timeout },
  );
}

/** Waits until the fake has received `count` requests for the token. */
export async function receivedRequests(token: string, count: number) {
  return vi.waitFor(async () => {
    const received = await requestsFor(token);
    expect(received.length).toBeGreaterThanOrEqual(count);
    return received;
  }, WAIT);
}

/** Puts a call in the state a transcription leaves it in, without sending a queue message. */
export async function queueWithoutMessage(callId: string, transcription: string) {
  await env.DB.prepare(
    `UPDATE call SET transcription = ?, enrichment_status = 'queued', enrichment_error = NULL WHERE id = ?`,
  )
    .bind(transcription, callId)
    .run();
}
