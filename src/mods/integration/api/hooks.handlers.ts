import { spendPostCall, spendRing } from "../../../auth/rate-limits";
import type { AppRouteHandler } from "../../../context";
import { createDb } from "../../../db/client";
import { ApiError } from "../../../lib/errors";
import { defaultCountry } from "../../../lib/phone-number";
import { readBodyUpTo } from "../../../lib/read-body";
import { recordDelivery } from "../services/deliveries";
import { secretKeysOf } from "../services/integrations";
import type { Endpoint } from "../services/providers/provider";
import { kindBeforeParsing, maxBodyBytes, receiveWebhook } from "../services/receive-webhook";
import { findWebhookIntegration } from "../services/webhook-integrations";
import type * as routes from "./hooks.routes";

type Handler = AppRouteHandler<typeof routes.receiveWebhook>;

/**
 * A platform's webhook: straight on the D1 binding (a ring writes at the primary anyway), at most
 * two round trips for a ring (the integration, then the ring's batch; one when this isolate holds
 * the integration); the delivery record is written after the answer.
 */
const receive =
  (endpoint: Endpoint): Handler =>
  async (c) => {
    const { provider, id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const found = await findWebhookIntegration(db, provider, id, endpoint);
    if (!found) throw ApiError.notFound("integration");
    // The ring's budget, per organization (its URL also brings some platforms' transcripts).
    await (endpoint === "ring" ? spendRing : spendPostCall)(c.env, found.row.organizationId);
    const record = (delivery: Parameters<typeof recordDelivery>[2]) =>
      c.executionCtx.waitUntil(
        recordDelivery(c.env.DB, found.row.id, delivery).catch((err) =>
          console.error(JSON.stringify({ level: "error", request_id: c.var.requestId, message: String(err) })),
        ),
      );

    const limit = maxBodyBytes(found.provider, endpoint);
    const body = await readBodyUpTo(c.req.raw, limit);
    if (!body) {
      const detail = `request body over ${limit / 1024} KiB`;
      record({
        kind: kindBeforeParsing(found.provider, endpoint),
        event: "",
        outcome: "invalid",
        detail,
        callId: null,
      });
      throw new ApiError("payload_too_large", detail);
    }
    const request = { url: c.req.url, method: c.req.method, headers: c.req.raw.headers, body, now: Date.now() };
    const deps = {
      d1: c.env.DB,
      db,
      queue: c.env.ENRICHMENT_QUEUE,
      keys: secretKeysOf(c.env),
      country: defaultCountry(c.env),
    };
    let result: Awaited<ReturnType<typeof receiveWebhook>>;
    try {
      result = await receiveWebhook(deps, found, endpoint, request);
    } catch (err) {
      record({
        // What the URL takes: a failure on a ring-only or a post-call URL is one of those.
        kind: kindBeforeParsing(found.provider, endpoint),
        event: "",
        outcome: "error",
        detail: `internal error (request ${c.var.requestId})`,
        callId: null,
      });
      throw err;
    }
    if (result.delivery) record(result.delivery);
    if ("error" in result) throw result.error;
    return result.response;
  };

export const receiveWebhookHandler = receive("ring");
export const receivePostCallWebhookHandler = receive("post_call");
