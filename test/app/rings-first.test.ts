import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { afterRings, countRingInFlight } from "../../src/lib/rings-first";
import { newTenant, request, type Tenant } from "../support/helpers";
import { connect } from "../support/webhook-helpers";

/*
 * Rings first (src/lib/rings-first.ts): bulk work between its steps waits while this isolate has
 * rings in flight, and never for long. A ring is held open here by a handler that waits for the
 * test, so what afterRings does while it is in flight is seen exactly.
 */

const ringTo = (app: Hono) => app.request("/ring", { method: "POST" });

/** A route behind countRingInFlight that answers when the test says so. */
function heldRing() {
  let answer = () => {};
  const answered = new Promise<void>((resolve) => {
    answer = resolve;
  });
  const app = new Hono().post("/ring", countRingInFlight, async (c) => {
    await answered;
    return c.text("ok");
  });
  return { app, answer };
}

/** Whether the promise settled within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), scheduler.wait(ms).then(() => false)]);

describe("afterRings", () => {
  it("goes on at once when no ring is in flight", async () => {
    expect(await settlesWithin(afterRings(), 20)).toBe(true);
  });

  it("waits while a ring is in flight, and goes on once it is answered", async () => {
    const { app, answer } = heldRing();
    const ring = ringTo(app);
    await scheduler.wait(1);
    const bulkStep = afterRings();
    expect(await settlesWithin(bulkStep, 50)).toBe(false);
    answer();
    expect((await ring).status).toBe(200);
    expect(await settlesWithin(bulkStep, 50)).toBe(true);
  });

  it("a ring that fails still leaves the count", async () => {
    const app = new Hono().post("/ring", countRingInFlight, () => {
      throw new Error("boom");
    });
    expect((await ringTo(app)).status).toBe(500);
    expect(await settlesWithin(afterRings(), 20)).toBe(true);
  });

  it("counts a ring until its answer has left, not only until its handler returns", async () => {
    let handlerEndedAt = 0;
    const app = new Hono().post("/ring", countRingInFlight, (c) => {
      handlerEndedAt = Date.now();
      return c.text("ok");
    });
    expect((await ringTo(app)).status).toBe(200);
    // Right after the answer, a bulk step waits while the runtime sends it (2 ms from the handler's end).
    await afterRings();
    expect(Date.now() - handlerEndedAt).toBeGreaterThanOrEqual(2);
  });

  it("waits at most 200 ms: a flood of rings slows bulk work but never stops it", async () => {
    const { app, answer } = heldRing();
    const ring = ringTo(app);
    await scheduler.wait(1);
    const started = Date.now();
    await afterRings();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
    answer();
    await ring;
  });
});

/**
 * A request to the service whose body arrives when the test says so: the route's middleware has
 * run, its handler waits for the body.
 */
function heldRequest(path: string, headers: Record<string, string>) {
  const body = new TransformStream<Uint8Array, Uint8Array>();
  const answer = request(path, { method: "POST", headers, body: body.readable, duplex: "half" } as RequestInit);
  const release = async () => {
    const writer = body.writable.getWriter();
    await writer.write(new TextEncoder().encode("{}"));
    await writer.close();
    return answer;
  };
  return { release };
}

describe("the ring paths count as rings in flight", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant();
  });

  it.each([
    ["POST /api/calls/inbound", async () => ({ path: "/api/calls/inbound", headers: { "x-api-key": t.apiKey } })],
    ["a platform's ring webhook", async () => ({ path: (await connect(t, "vapi")).path, headers: {} })],
  ])("%s: bulk work waits while its body is still arriving", async (_name, target) => {
    const { path, headers } = await target();
    const ring = heldRequest(path, { ...headers, "content-type": "application/json" });
    await scheduler.wait(5);
    const bulkStep = afterRings();
    expect(await settlesWithin(bulkStep, 50)).toBe(false);
    await (await ring.release()).arrayBuffer();
    expect(await settlesWithin(bulkStep, 50)).toBe(true);
  });

  it("other routes do not", async () => {
    const other = heldRequest("/api/contacts", { "x-api-key": t.apiKey, "content-type": "application/json" });
    await scheduler.wait(5);
    expect(await settlesWithin(afterRings(), 20)).toBe(true);
    await (await other.release()).arrayBuffer();
  });
});
