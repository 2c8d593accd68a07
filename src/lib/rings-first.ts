import { createMiddleware } from "hono/factory";

/*
 * Rings first. A ring is answered while the caller hears it ring, so its milliseconds matter more
 * than any bulk work's. An isolate runs one piece of JavaScript at a time: a ring arriving behind
 * an import waits for the import's next step at each of its own hops (its body, its D1 batch, its
 * answer). So bulk work (an import) calls `afterRings` between its steps, and waits there while
 * this isolate has rings in flight: a ring then waits for at most the one step under way.
 * Per isolate only; D1 serves one statement at a time whoever sends it, which is why bulk work
 * keeps its steps short too (import-contacts.ts).
 */

let ringsInFlight = 0;
/** When this isolate's last ring handler returned (Date.now(), which workerd moves on at each event). */
let lastRingAnsweredAt = Number.NEGATIVE_INFINITY;

/** Around the ring path's routes (POST /api/calls/inbound and the platforms' ring webhooks). */
export const countRingInFlight = createMiddleware(async (_c, next) => {
  ringsInFlight++;
  try {
    await next();
  } finally {
    ringsInFlight--;
    lastRingAnsweredAt = Date.now();
  }
});

/**
 * A ring's handler has returned, but the runtime has yet to send its answer: bulk work let go at
 * once would run its next step first. So it waits this long after a ring's handler returns.
 * Measured (bench:import, instrumented): the ring's time from its handler's end to the client's
 * during an import went from 13 ms on average (5 alone) to 5 (4 alone). Kept on the bulk side:
 * keeping each ring counted that long instead (a waitUntil of 1 ms) cost the ring a fifth of its
 * requests a second under 8 clients (bench:ring: 164 against 202).
 */
const ANSWER_LEAVING_MS = 2;

/** How long bulk work waits for rings at most, per step: a flood of rings slows it, never stops it. */
const MAX_WAIT_MS = 200;
/**
 * Polled rather than signalled: a promise resolved by another request's code would run this
 * request's continuation in that request's context, which workerd warns against.
 */
const POLL_MS = 1;

/**
 * Lets the requests waiting for this isolate run first (a timer turn), then waits while rings are
 * in flight here or their answers still leaving, at most MAX_WAIT_MS.
 */
export async function afterRings(): Promise<void> {
  await scheduler.wait(0);
  const ringsFirst = () => ringsInFlight > 0 || Date.now() - lastRingAnsweredAt < ANSWER_LEAVING_MS;
  for (let waited = 0; ringsFirst() && waited < MAX_WAIT_MS; waited += POLL_MS) await scheduler.wait(POLL_MS);
}
