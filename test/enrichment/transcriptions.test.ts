import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnrichmentMessage } from "../../src/mods/enrichment/types/enrichment-message";
import {
  anonymous,
  type Caller,
  createContact,
  expectError,
  expectIssue,
  expectJson,
  expectNewCall,
  expectRing,
  expectStatus,
  freshNumber,
  getCall,
  NO_SUCH_ID,
  newTenant,
  request,
  ring,
  send,
  type Tenant,
  transcribe,
} from "../support/helpers";
import { sendWithBindings } from "../support/with-bindings";

/*
 * POST /api/calls/{id}/transcription: the transcription is saved and, for a call from a stub
 * contact, an enrichment message is queued (ids only). A queue of our own stands in for
 * ENRICHMENT_QUEUE where the test reads what was sent. What the consumer does with the message is
 * covered in enrichment.test.ts. Storage is shared by the tests of this file: each test rings
 * numbers of its own.
 */

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant(), newTenant()]);
});

/** Posts the transcription through the app with `queue` in place of ENRICHMENT_QUEUE. */
const transcribeWith = (queue: Queue<EnrichmentMessage>, caller: Caller, callId: string, transcription: string) =>
  sendWithBindings({ ENRICHMENT_QUEUE: queue }, caller, "POST", `/api/calls/${callId}/transcription`, {
    transcription,
  });

/** The real queue, with every message it is given written down. */
function recordingQueue() {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: EnrichmentMessage, options?: QueueSendOptions) => {
      sent.push(body);
      return env.ENRICHMENT_QUEUE.send(body, options);
    },
    sendBatch: async () => {
      throw new Error("enrichment is queued one message at a time");
    },
  } as unknown as Queue<EnrichmentMessage>;
  return { queue, sent };
}

const failingQueue = {
  send: async () => {
    throw new Error("queue unavailable");
  },
} as unknown as Queue<EnrichmentMessage>;

describe("POST /api/calls/{id}/transcription", () => {
  it("a call from a stub contact: 202 queued, the text is saved, the message carries ids only", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    const { queue, sent } = recordingQueue();
    const text = "Agent: Hello, who am I speaking with? Caller: This is Ada Lovelace, ada@example.com.";
    const res = await transcribeWith(queue, a.key, call.call_id, text);
    expect(await expectStatus(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toEqual([{ call_id: call.call_id, organization_id: a.organizationId }]);
    expect(JSON.stringify(sent)).not.toContain("Ada");
    expect(await getCall(a.key, call.call_id)).toMatchObject({
      transcription: text,
      enrichment_status: "queued",
      enrichment_error: null,
    });
  });

  it("with a session cookie too", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    const { queue, sent } = recordingQueue();
    const res = await transcribeWith(queue, a.owner, call.call_id, "Hi, it's Grace.");
    expect(await expectStatus(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toEqual([{ call_id: call.call_id, organization_id: a.organizationId }]);
  });

  it("a call from a named contact: not_needed, skipped, nothing queued", async () => {
    const number = freshNumber();
    await createContact(a.key, { first_name: "Named", phones: [{ phone_number: number }] });
    const call = await expectNewCall(a.key, number);
    const { queue, sent } = recordingQueue();
    const res = await transcribeWith(queue, a.key, call.call_id, "Hello again.");
    expect(await expectStatus(res, 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
    expect(sent).toEqual([]);
    expect(await getCall(a.key, call.call_id)).toMatchObject({
      transcription: "Hello again.",
      enrichment_status: "skipped",
    });
  });

  it("a contact with only a last name is named too", async () => {
    const number = freshNumber();
    await createContact(a.key, { last_name: "Hopper", phones: [{ phone_number: number }] });
    const call = await expectNewCall(a.key, number);
    expect(await expectStatus(await transcribe(a.key, call.call_id, "Hi."), 202)).toEqual({
      call_id: call.call_id,
      enrichment: "not_needed",
    });
  });

  it("a call without a contact (withheld or invalid): not_needed, skipped, nothing queued", async () => {
    for (const from of ["anonymous", "12"]) {
      const call = await expectRing(a.key, { from });
      const { queue, sent } = recordingQueue();
      const res = await transcribeWith(queue, a.key, call.call_id, "Who is this?");
      expect(await expectStatus(res, 202)).toEqual({ call_id: call.call_id, enrichment: "not_needed" });
      expect(sent).toEqual([]);
      expect(await getCall(a.key, call.call_id)).toMatchObject({
        contact_id: null,
        transcription: "Who is this?",
        enrichment_status: "skipped",
      });
    }
  });

  it("a stub renamed before the transcription arrives is no longer queued", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    await expectJson(a.key, "PUT", `/api/contacts/${call.contact.id}`, { first_name: "Typed" }, 200);
    expect(await expectStatus(await transcribe(a.key, call.call_id, "Hi."), 202)).toEqual({
      call_id: call.call_id,
      enrichment: "not_needed",
    });
  });

  it("a second transcription replaces the first and queues again", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    const { queue, sent } = recordingQueue();
    for (const text of ["first draft", "final transcript"]) {
      const res = await transcribeWith(queue, a.key, call.call_id, text);
      expect(await expectStatus(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    }
    expect(sent).toHaveLength(2);
    expect((await getCall(a.key, call.call_id)).transcription).toBe("final transcript");
  });

  it("a queue that refuses the message: a 500 envelope, the call shows failed with a reason, the text is kept", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    const res = await transcribeWith(failingQueue, a.key, call.call_id, "kept");
    const error = await expectError(res, 500, "internal");
    expect(error.message).not.toContain("queue unavailable");
    const saved = await getCall(a.key, call.call_id);
    expect(saved).toMatchObject({
      transcription: "kept",
      enrichment_status: "failed",
      enrichment_error: expect.any(String),
    });
    expect(saved.enrichment_error.length).toBeGreaterThan(0);
    // Nothing is lost: sent again once the queue works, it is queued and the failure is cleared.
    const { queue, sent } = recordingQueue();
    const retry = await transcribeWith(queue, a.key, call.call_id, "kept");
    expect(await expectStatus(retry, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toHaveLength(1);
    expect(await getCall(a.key, call.call_id)).toMatchObject({ enrichment_status: "queued", enrichment_error: null });
  });

  it("a transcription of about 200 KiB is accepted and saved whole", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    const text = "Caller: my name is Ada. ".repeat(Math.ceil((200 * 1024) / 24)).slice(0, 200 * 1024);
    const { queue, sent } = recordingQueue();
    const res = await transcribeWith(queue, a.key, call.call_id, text);
    expect(await expectStatus(res, 202)).toEqual({ call_id: call.call_id, enrichment: "queued" });
    expect(sent).toEqual([{ call_id: call.call_id, organization_id: a.organizationId }]);
    expect((await getCall(a.key, call.call_id)).transcription).toBe(text);
  });

  it("a body over 256 KiB is a 413 and saves nothing", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    await expectError(await transcribe(a.key, call.call_id, "x".repeat(257 * 1024)), 413, "payload_too_large");
    expect(await getCall(a.key, call.call_id)).toMatchObject({ transcription: null, enrichment_status: null });
  });

  it("the 256 KiB limit is the transcription route's only: other routes keep 64 KiB", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    await expectError(
      await ring(a.key, { from: freshNumber(), provider: "x".repeat(100 * 1024) }),
      413,
      "payload_too_large",
    );
    await expectError(
      await send(a.key, "PUT", `/api/contacts/${call.contact.id}`, { first_name: "x".repeat(100 * 1024) }),
      413,
      "payload_too_large",
    );
  });

  it("an empty transcription, a missing one, a wrong type or an unknown field is a 400", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    const path = `/api/calls/${call.call_id}/transcription`;
    await expectIssue(await send(a.key, "POST", path, { transcription: "" }), ["transcription"]);
    await expectIssue(await send(a.key, "POST", path, {}), ["transcription"]);
    await expectIssue(await send(a.key, "POST", path, { transcription: 42 }), ["transcription"]);
    await expectIssue(await send(a.key, "POST", path, { transcription: "hi", enrichment_status: "done" }), [
      "enrichment_status",
    ]);
    await expectIssue(await send(a.key, "POST", path, { transcription: "hi", organization_id: b.organizationId }), [
      "organization_id",
    ]);
    await expectError(
      await request(path, {
        method: "POST",
        headers: { ...a.key.headers, "content-type": "application/json" },
        body: '{"transcription": ',
      }),
      400,
      "validation_failed",
    );
    await expectError(
      await request(path, {
        method: "POST",
        headers: { ...a.key.headers, "content-type": "text/plain" },
        body: JSON.stringify({ transcription: "hi" }),
      }),
      415,
      "unsupported_media_type",
    );
    expect(await getCall(a.key, call.call_id)).toMatchObject({ transcription: null, enrichment_status: null });
  });

  it("another organization's call is a 404, and is left alone", async () => {
    const theirs = await expectNewCall(b.key, freshNumber());
    const { queue, sent } = recordingQueue();
    const res = await transcribeWith(queue, a.key, theirs.call_id, "overwritten?");
    await expectError(res, 404, "not_found");
    expect(sent).toEqual([]);
    expect(await getCall(b.key, theirs.call_id)).toMatchObject({ transcription: null, enrichment_status: null });
    await expectError(await transcribe(a.key, NO_SUCH_ID, "hi"), 404, "not_found");
    await expectIssue(await transcribe(a.key, "not-an-id", "hi"), ["id"]);
  });

  it("no credentials is a 401", async () => {
    const call = await expectNewCall(a.key, freshNumber());
    await expectError(await transcribe(anonymous, call.call_id, "hi"), 401, "unauthenticated");
    await expectError(
      await transcribe({ headers: { "x-api-key": "cik_not_a_key" } }, call.call_id, "hi"),
      401,
      "unauthenticated",
    );
  });
});
