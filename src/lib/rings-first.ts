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

/**
 * Around the ring path's routes (POST /api/calls/inbound and the platforms' ring webhooks). A ring
 * is counted until its answer has left the isolate, not only until its handler returns: the
 * runtime still has the answer to send, and bulk work let go at once would run its next step
 * first. Measured (npm run bench:import): the ring's time from handler to client went from 13 ms
 * on average during an import (5 ms alone) to the same as alone.
 */
export const countRingInFlight = createMiddleware(async (c, next) => {
  ringsInFlight++;
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(scheduler.wait(ANSWER_LEAVING_MS).then(() => ringsInFlight--));
  }
});

/** How long a ring stays counted after its handler returns, for its answer to be sent. */
const ANSWER_LEAVING_MS = 1;

/** How long bulk work waits for rings at most, per step: a flood of rings slows it, never stops it. */
const MAX_WAIT_MS = 200;
/**
 * Polled rather than signalled: a promise resolved by another request's code would run this
 * request's continuation in that request's context, which workerd warns against.
 */
const POLL_MS = 1;

/**
 * Lets the requests waiting for this isolate run first (a timer turn), then waits while rings are
 * in flight here, at most MAX_WAIT_MS.
 */
export async function afterRings(): Promise<void> {
  await scheduler.wait(0);
  for (let waited = 0; ringsInFlight > 0 && waited < MAX_WAIT_MS; waited += POLL_MS) await scheduler.wait(POLL_MS);
}
