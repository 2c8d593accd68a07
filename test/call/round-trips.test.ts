import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countingD1 } from "../support/d1-counter";
import { type Caller, INBOUND, newTenant } from "../support/helpers";
import { sendWithBindings } from "../support/with-bindings";

/** One POST with a counting D1, including what it left to waitUntil. */
async function roundTrips(caller: Caller, path: string, body: unknown) {
  const { db, counter } = countingD1(env.DB);
  const res = await sendWithBindings({ DB: db }, caller, "POST", path, body);
  return {
    status: res.status,
    body: (await res.json()) as any,
    roundTrips: counter.roundTrips,
    queries: counter.queries,
  };
}

describe("D1 round trips of an inbound call", async () => {
  const tenant = await newTenant();
  const countedRing = (from: string, extra: Record<string, unknown> = {}) =>
    roundTrips(tenant.key, INBOUND, { from, to: "+15557654321", provider: "twilio", ...extra });

  it("the counter counts: a contact created through the API takes its round trips", async () => {
    const created = await roundTrips(tenant.key, "/api/contacts", { first_name: "Ada" });
    expect(created.status).toBe(201);
    expect(created.roundTrips).toBeGreaterThanOrEqual(2); // the key, then the batch
  });

  it("a new number, authentication included, is one round trip", async () => {
    const r = await countedRing("+15550001001", { provider_call_id: "CA-new" });
    expect(r.status).toBe(201);
    expect(r.body.contact_created).toBe(true);
    expect(r.roundTrips).toBe(1);
  });

  it("a known number is one round trip", async () => {
    const r = await countedRing("(555) 000-1001", { provider_call_id: "CA-known" });
    expect(r.status).toBe(201);
    expect(r.body.contact_created).toBe(false);
    expect(r.roundTrips).toBe(1);
  });

  it("a withheld caller and a replay are one round trip each", async () => {
    expect((await countedRing("anonymous")).roundTrips).toBe(1);
    const replay = await countedRing("+15550001001", { provider_call_id: "CA-new" });
    expect(replay.status).toBe(200);
    expect(replay.roundTrips).toBe(1);
  });

  it("a key's last use is refreshed at most once a minute, by a write the answer does not wait for", async () => {
    await env.DB.prepare("UPDATE api_key SET last_used_at = NULL").run();
    const first = await countedRing("+15550001002");
    expect(first.queries).toEqual(["batch of 3", expect.stringMatching(/^update "api_key" set "last_used_at"/)]);
    const second = await countedRing("+15550001003");
    expect(second.queries).toEqual(["batch of 3"]);
  });

  it("a revoked key is refused in the same single round trip, and nothing is written", async () => {
    const r = await roundTrips({ headers: { "x-api-key": "cik_not_a_key" } }, INBOUND, { from: "+15550009999" });
    expect(r.status).toBe(401);
    expect(r.roundTrips).toBe(1);
    const { results } = await env.DB.prepare(
      "SELECT count(*) AS n FROM contact_phone WHERE phone_number = '+15550009999'",
    ).all<{ n: number }>();
    expect(results[0]?.n).toBe(0);
  });

  it("a browser session costs its session and membership reads besides the batch", async () => {
    const r = await roundTrips(tenant.owner, INBOUND, { from: "+15550001004" });
    expect(r.status).toBe(201);
    expect(r.roundTrips, `session caller: ${r.roundTrips} round trips: ${r.queries.join(" | ")}`).toBeLessThanOrEqual(
      4,
    );
  });
});
