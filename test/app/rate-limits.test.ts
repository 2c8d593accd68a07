import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countingD1 } from "../support/d1-counter";
import {
  anonymous,
  type Caller,
  cookieOf,
  emailOf,
  expectError,
  expectJson,
  expectStatus,
  freshIp,
  freshNumber,
  INBOUND,
  newTenant,
  PASSWORD,
  setActive,
  signIn,
  type Tenant,
} from "../support/helpers";
import { connect, deliverWithBindings, vapiAssistantRequest, vapiRequest } from "../support/webhook-helpers";
import { sendWithBindings } from "../support/with-bindings";

/*
 * The budgets of wrangler.jsonc (1,200 requests a minute per key or session, 3,000 rings a minute
 * per organization, 60 failed authentications a minute per address) are swapped here for
 * budgets of 3 a minute (vitest.config.ts), so that a burst over one takes four requests.
 */
const SMALL_BUDGETS = {
  API_RATE_LIMIT: env.TEST_API_RATE_LIMIT,
  RING_RATE_LIMIT: env.TEST_RING_RATE_LIMIT,
  FAILED_AUTH_RATE_LIMIT: env.TEST_FAILED_AUTH_RATE_LIMIT,
};
const BUDGET = 3;

const limited = (caller: Caller, method: string, path: string, body?: unknown) =>
  sendWithBindings(SMALL_BUDGETS, caller, method, path, body);
const listContacts = (caller: Caller) => limited(caller, "GET", "/api/contacts");
const ringFrom = (caller: Caller) => limited(caller, "POST", INBOUND, { from: freshNumber(), provider: "twilio" });
const from = (address: string, caller: Caller = anonymous): Caller => ({
  headers: { ...caller.headers, "cf-connecting-ip": address },
});
const wrongKey = (address: string) => from(address, { headers: { "x-api-key": `cik_${crypto.randomUUID()}` } });

/** A 429 in the contract's envelope, with `retry-after` in whole seconds within the minute. */
async function expectRateLimited(res: Response) {
  const retryAfter = res.headers.get("retry-after");
  await expectError(res, 429, "rate_limited");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
}

/** Sends `times` requests, each expected to answer `status`. */
async function burst(times: number, status: number, send: () => Promise<Response>) {
  for (let i = 0; i < times; i++) await expectStatus(await send(), status);
}

/**
 * Local workerd counts each budget in minutes aligned on the clock: a burst straddling two minutes
 * would be counted half in each. Each test starts its bursts at least 5 s before a minute ends.
 */
async function clearOfMinuteEnd() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

/**
 * An organization whose key this isolate saw authenticated (its first request, under the real
 * budgets): the ring counts a key against its organization from then on (src/auth/rate-limits.ts).
 */
async function tenantWithKnownKey(): Promise<Tenant> {
  const tenant = await newTenant();
  await expectStatus(await sendWithBindings({}, tenant.key, "GET", "/api/contacts", undefined), 200);
  return tenant;
}

describe("rate limits outside the ring path: per API key or session", { timeout: 20_000 }, () => {
  it("a burst over an API key's budget is a 429 in the contract's envelope, with retry-after", async () => {
    const tenant = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 200, () => listContacts(tenant.key));
    await expectRateLimited(await listContacts(tenant.key));
  });

  it("a key over its budget is refused before any database read: its noise costs the database nothing", async () => {
    const tenant = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 200, () => listContacts(tenant.key));
    const { db, counter } = countingD1(env.DB);
    await expectRateLimited(
      await sendWithBindings({ ...SMALL_BUDGETS, DB: db }, tenant.key, "GET", "/api/contacts", undefined),
    );
    expect(counter.queries).toEqual([]);
  });

  it("requests answered 400 count too: a burst of bad input is limited as well", async () => {
    const tenant = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 400, () => limited(tenant.key, "GET", "/api/contacts?limit=0"));
    await expectRateLimited(await listContacts(tenant.key));
  });

  it("a limited key leaves the organization's sessions, its other keys and other organizations alone", async () => {
    const tenant = await newTenant();
    const otherKey = await expectJson(tenant.owner, "POST", "/api/api-keys", { name: "second" }, 201);
    const other = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 200, () => listContacts(tenant.key));
    await expectRateLimited(await listContacts(tenant.key));
    await expectStatus(await listContacts(tenant.owner), 200);
    await expectStatus(await listContacts({ headers: { "x-api-key": otherKey.key } }), 200);
    await expectStatus(await listContacts(other.key), 200);
  });

  it("a session is counted on its own: the same user's next session has its own budget", async () => {
    const tenant = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 200, () => listContacts(tenant.owner));
    await expectRateLimited(await listContacts(tenant.owner));
    const signedIn = await signIn(await emailOf(tenant.owner), PASSWORD);
    await expectStatus(signedIn.clone(), 200);
    const secondSession = { headers: { ...tenant.owner.headers, cookie: cookieOf(signedIn) } };
    await setActive(secondSession, tenant.organizationId);
    await expectStatus(await listContacts(secondSession), 200);
  });
});

describe("the ring path: per organization, counted apart", { timeout: 20_000 }, () => {
  it("the ring of organization A still answers while organization B is limited", async () => {
    const [a, b] = await Promise.all([tenantWithKnownKey(), tenantWithKnownKey()]);
    await clearOfMinuteEnd();
    await burst(BUDGET, 201, () => ringFrom(b.key));
    const { db, counter } = countingD1(env.DB);
    const ring = { from: freshNumber(), provider: "twilio" };
    await expectRateLimited(await sendWithBindings({ ...SMALL_BUDGETS, DB: db }, b.key, "POST", INBOUND, ring));
    expect(counter.queries).toEqual([]); // refused before its batch
    await expectStatus(await ringFrom(a.key), 201);
  });

  it("a key limited on the rest of the API still rings", async () => {
    const tenant = await tenantWithKnownKey();
    await clearOfMinuteEnd();
    await burst(BUDGET, 200, () => listContacts(tenant.key));
    await expectRateLimited(await listContacts(tenant.key));
    await expectStatus(await ringFrom(tenant.key), 201);
  });

  it("every key and session of one organization rings on its one budget", async () => {
    const tenant = await tenantWithKnownKey();
    const second = await expectJson(tenant.owner, "POST", "/api/api-keys", { name: "second" }, 201);
    const secondKey = { headers: { "x-api-key": second.key } };
    await expectStatus(await sendWithBindings({}, secondKey, "GET", "/api/contacts", undefined), 200);
    await clearOfMinuteEnd();
    await expectStatus(await ringFrom(tenant.key), 201);
    await expectStatus(await ringFrom(secondKey), 201);
    await expectStatus(await ringFrom(tenant.owner), 201);
    await expectRateLimited(await ringFrom(tenant.key));
    await expectRateLimited(await ringFrom(tenant.owner));
  });

  it("a platform's ring webhook is counted against its organization's ring budget", async () => {
    const tenant = await tenantWithKnownKey();
    const hook = await connect(tenant, "vapi");
    const webhookRing = async () =>
      (await deliverWithBindings(SMALL_BUDGETS, await vapiRequest(hook, vapiAssistantRequest({ from: freshNumber() }))))
        .res;
    await clearOfMinuteEnd();
    await expectStatus(await webhookRing(), 200);
    await burst(BUDGET - 1, 201, () => ringFrom(tenant.key));
    await expectRateLimited(await webhookRing());
    await expectRateLimited(await ringFrom(tenant.key));
  });
});

describe("failed authentications: per client address", { timeout: 20_000 }, () => {
  it("wrong keys answer 401 up to the budget, then 429, even for a good key never seen", async () => {
    const [address, elsewhere] = [freshIp(), freshIp()];
    const unseen = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 401, () => listContacts(wrongKey(address)));
    await expectRateLimited(await listContacts(wrongKey(address)));
    // Refused before the key is looked up: guessing from there learns nothing more this minute.
    await expectRateLimited(await listContacts(from(address, unseen.key)));
    await expectStatus(await listContacts(from(elsewhere, unseen.key)), 200);
  });

  it("an address refused for guessing still rings and calls the API with a key already seen working", async () => {
    const address = freshIp();
    const tenant = await tenantWithKnownKey();
    await clearOfMinuteEnd();
    await burst(BUDGET, 401, () => listContacts(wrongKey(address)));
    await expectRateLimited(await listContacts(wrongKey(address)));
    await expectStatus(await ringFrom(from(address, tenant.key)), 201);
    await expectStatus(await listContacts(from(address, tenant.key)), 200);
  });

  it("on the ring path a refused address (a platform's, shared by its customers) still rings with any good key", async () => {
    const address = freshIp();
    const unseen = await newTenant();
    await clearOfMinuteEnd();
    await burst(BUDGET, 401, () => ringFrom(wrongKey(address)));
    await expectRateLimited(await ringFrom(wrongKey(address)));
    // A key this isolate never saw working is looked up rather than refused: a good one rings.
    await expectStatus(await ringFrom(from(address, unseen.key)), 201);
    await expectRateLimited(await ringFrom(wrongKey(address)));
  });

  it("requests without credentials count as failed authentications", async () => {
    const address = freshIp();
    await clearOfMinuteEnd();
    await burst(BUDGET, 401, () => listContacts(from(address)));
    await expectRateLimited(await listContacts(from(address)));
  });

  it("wrong keys on the ring path count too", async () => {
    const address = freshIp();
    await clearOfMinuteEnd();
    await burst(BUDGET, 401, () => ringFrom(wrongKey(address)));
    await expectRateLimited(await ringFrom(wrongKey(address)));
  });

  it("a request with no client address (one that did not come through Cloudflare) is not counted", async () => {
    const noAddress = () => listContacts({ headers: { "x-api-key": `cik_${crypto.randomUUID()}` } });
    await clearOfMinuteEnd();
    await burst(BUDGET + 1, 401, noAddress);
  });
});
