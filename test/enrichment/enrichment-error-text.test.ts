import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  emailFor,
  expectRequeued,
  expectTranscribed,
  newToken,
  requestsFor,
  responseOf,
  type Step,
  scenario,
  settled,
  transcriptWith,
} from "../support/enrichment-helpers";
import { expectJson, expectNewStubCall, getCall, getContact, newTenant, type Tenant } from "../support/helpers";

/*
 * A call's `enrichment_error` is read by anyone in the organization, so it is in the service's
 * own words (`model rate limited (429)`, `model refused`, `database busy`), never the model API's
 * text nor the database's. (Found: it showed the API's message, with a fragment of the platform's
 * OpenAI key, and raw `D1_ERROR … SQLITE_CONSTRAINT`.) Also: enrichment hearing an email for a
 * contact that holds 20 already attaches none, and still names the contact.
 */

let a: Tenant;

beforeAll(async () => {
  a = await newTenant();
});

/** What no stored error may contain: the upstream's words, a key's fragment, the database's SQL. */
const LEAKS = /sk-|Incorrect|org-|platform\.openai|D1_|SQLITE|constraint|secret|I can't/i;

const upstream = (status: number, message: string, type: string, code: string | null = null): Step => ({
  status,
  body: { error: { message, type, param: null, code } },
});

const ADA = answer({ first_name: "Ada", last_name: "Lovelace", email: null });
const ADA_TALKS = "Caller: Hi, this is Ada Lovelace.";

/** Rings, transcribes with the token, waits until the consumer has settled the call; answers it. */
async function enrichedCall(token: string, timeout?: number) {
  const call = await expectNewStubCall(a.key);
  await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
  return { call, settledCall: await settled(a.key, call.call_id, timeout) };
}

describe("the stored enrichment_error is ours", { timeout: 45_000 }, () => {
  it("a 401 quoting a fragment of the key: `model API refused our credentials (401)`", async () => {
    const token = newToken();
    await scenario(
      token,
      upstream(
        401,
        "Incorrect API key provided: sk-proj-AbCd****************************wXyZ. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
      ),
    );
    const { settledCall } = await enrichedCall(token);
    expect(settledCall).toMatchObject({
      enrichment_status: "failed",
      enrichment_error: "model API refused our credentials (401)",
    });
  });

  it("a rate limit naming the platform's organization: `model rate limited (429)` while it waits", async () => {
    const token = newToken();
    await scenario(
      token,
      {
        ...upstream(429, "Rate limit reached for gpt-5 in organization org-SeCrEt on tokens per min.", "tokens"),
        headers: { "retry-after": "2" },
      },
      { body: ADA },
    );
    const call = await expectNewStubCall(a.key);
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, ADA_TALKS));
    await expect
      .poll(async () => (await getCall(a.key, call.call_id)).enrichment_error, { timeout: 15_000, interval: 200 })
      .toBe("attempt 1 failed: model rate limited (429)");
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
  });

  it("a refusal: `model refused`, without the model's own words", async () => {
    const token = newToken();
    await scenario(token, { body: responseOf([{ type: "refusal", refusal: "I can't help identify this secret." }]) });
    const { settledCall } = await enrichedCall(token);
    expect(settledCall).toMatchObject({ enrichment_status: "failed", enrichment_error: "model refused" });
  });

  it("server errors until the dead-letter queue: the reason is ours, the upstream text is not kept", async () => {
    const token = newToken();
    await scenario(token, upstream(500, "The server had an error (request req_secret, org-SeCrEt)", "server_error"));
    const { settledCall } = await enrichedCall(token, 25_000);
    expect(settledCall.enrichment_status).toBe("failed");
    expect(settledCall.enrichment_error).toMatch(
      /^gave up after retries; attempt \d+ failed: model API unavailable \(500\)$/,
    );
  });

  it.each([
    [
      "a 400",
      upstream(400, "Invalid schema for response_format 'caller_identity': secret detail", "invalid_request_error"),
    ],
    [
      "a quota",
      upstream(429, "You exceeded your current quota (org-SeCrEt)", "insufficient_quota", "insufficient_quota"),
    ],
    ["a broken answer", { body: answer({ first_name: "Ada", secret: "sk-leak" }) }],
  ] as [string, Step][])("%s: no upstream text", async (_what, step) => {
    const token = newToken();
    await scenario(token, step);
    const { settledCall } = await enrichedCall(token);
    expect(settledCall.enrichment_status).toBe("failed");
    expect(settledCall.enrichment_error).toMatch(/^model /);
    expect(settledCall.enrichment_error).not.toMatch(LEAKS);
  });

  it("the database refusing the enrichment's write: `database busy`, never D1's text; enriched again once it works", async () => {
    const token = newToken();
    const call = await expectNewStubCall(a.key);
    // Makes the enrichment's own write fail with a real D1 constraint error, for this contact only.
    const trigger = `test_refuse_${token.replace(/\W/g, "_")}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE OF first_name ON contact WHEN old.id = '${call.contact.id}'
       BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: contact.secret_column'); END`,
    ).run();
    try {
      await expectTranscribed(a.key, call.call_id, transcriptWith(token, "Caller: Hi, my name is Ada Lovelace."));
      const failed = await settled(a.key, call.call_id, 25_000);
      expect(failed.enrichment_status).toBe("failed");
      expect(failed.enrichment_error).toMatch(/^gave up after retries; attempt \d+ failed: database busy$/);
    } finally {
      await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    }
    await expectRequeued(a.key, call.call_id);
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    expect(await getContact(a.key, call.contact.id)).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
  });
});

describe("errors stored before this version", () => {
  it("are replaced by our words by migration 0005; the queue's refusal is kept", async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0005_"));
    const scrub = migration?.queries.find((q) => q.includes("UPDATE `call` SET `enrichment_error`"));
    expect(scrub).toBeDefined();
    const [leaky, refused] = [await expectNewStubCall(a.key), await expectNewStubCall(a.key)];
    const store = (callId: string, error: string) =>
      env.DB.prepare("UPDATE call SET enrichment_status = 'failed', enrichment_error = ? WHERE id = ?")
        .bind(error, callId)
        .run();
    await store(leaky.call_id, "the model API answered 401: 401 Incorrect API key provided: sk-proj-AbCd****wXyZ.");
    await store(refused.call_id, "could not queue enrichment");
    await env.DB.prepare(scrub!).run();
    expect((await getCall(a.key, leaky.call_id)).enrichment_error).toBe("enrichment failed (reason not kept)");
    expect((await getCall(a.key, refused.call_id)).enrichment_error).toBe("could not queue enrichment");
  });
});

describe("enrichment and the 20-email cap", () => {
  it("a contact holding 20 emails is named, and the email heard is not attached", async () => {
    const token = newToken();
    const heard = emailFor(token, "heard");
    await scenario(token, { body: answer({ first_name: "Grace", last_name: "Hopper", email: heard }) });
    const call = await expectNewStubCall(a.key);
    for (let i = 0; i < 20; i++) {
      await expectJson(
        a.key,
        "POST",
        `/api/contacts/${call.contact.id}/emails`,
        { email: emailFor(token, `e${i}`) },
        201,
      );
    }
    await expectTranscribed(a.key, call.call_id, transcriptWith(token, "Caller: I'm Grace Hopper."));
    expect(await settled(a.key, call.call_id)).toMatchObject({ enrichment_status: "done", enrichment_error: null });
    const contact = await getContact(a.key, call.contact.id);
    expect(contact).toMatchObject({ first_name: "Grace", last_name: "Hopper" });
    expect(contact.emails).toHaveLength(20);
    expect(contact.emails.map((e: { email: string }) => e.email)).not.toContain(heard);
    expect(await requestsFor(token)).toHaveLength(1);
  });
});
