import { and, eq } from "drizzle-orm";
import type { CountryCode } from "libphonenumber-js";
import { organizationById } from "../../../auth/organization-sql";
import type { Database } from "../../../db/client";
import { call } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import type { SecretKeys } from "../../../lib/secret-box";
import { type Ring, recordInboundCall } from "../../call/services/record-inbound-call";
import { saveFirstTranscription } from "../../enrichment/services/enrichment-state";
import type { EnrichmentMessage } from "../../enrichment/types/enrichment-message";
import { callerVariables } from "./caller-variables";
import type { Delivery } from "./deliveries";
import { keepEnds } from "./keep-ends";
import {
  type Endpoint,
  InvalidPayload,
  type PostCallEvent,
  type Provider,
  type RingEvent,
  type WebhookRequest,
} from "./providers/provider";
import {
  integrationNow,
  integrationNowSql,
  readWebhookIntegration,
  secretsOf,
  unchangedIntegration,
  type WebhookIntegration,
} from "./webhook-integrations";

/** What receiving a webhook needs from the Worker. */
export interface WebhookDeps {
  d1: D1Database;
  db: Database;
  queue: Queue<EnrichmentMessage>;
  keys: SecretKeys;
  country: CountryCode;
}

/** The answer, and the one delivery record the request leaves (written after the answer). */
export interface WebhookResult {
  response: Response;
  delivery: Delivery;
}

/** A refusal, and its delivery record: none when the integration is gone (nothing to record it on). */
export interface WebhookRefusal {
  error: ApiError;
  delivery: Delivery | null;
}

/** Largest body on a URL that takes transcripts; a URL that only rings takes the provider's own. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export const maxBodyBytes = (provider: Provider, endpoint: Endpoint) =>
  endpoint === "ring" ? provider.maxRingBodyBytes : MAX_WEBHOOK_BODY_BYTES;

/** A delivery's kind before the body is read: a URL that takes rings and transcripts alike cannot tell. */
export const kindBeforeParsing = (provider: Provider, endpoint: Endpoint) =>
  endpoint === "post_call" ? "post_call" : provider.postCall === "same_url" ? "other" : "ring";

const rejected = () => new ApiError("unauthenticated", "the webhook's signature does not verify");

/**
 * A verified webhook, handled as the API would: a ring records the call through resolve_contact
 * (POST /api/calls/inbound's path) and answers the caller's identity in the provider's format; a
 * transcript is saved and enrichment queued (POST /api/calls/{id}/transcription's path). Nothing
 * is parsed or written before the signature verifies. Errors come back as the delivery's outcome
 * and the ApiError to answer with.
 *
 * An integration from the isolate's cache may be stale: a ring's batch checks it (and writes
 * nothing when it changed); anything else reads it from D1 first. Either way a changed one is
 * judged again as D1 has it, and a deleted one answers 404.
 */
export async function receiveWebhook(
  deps: WebhookDeps,
  found: WebhookIntegration,
  endpoint: Endpoint,
  request: WebhookRequest,
): Promise<WebhookResult | WebhookRefusal> {
  const { row, provider } = found;
  const kind = kindBeforeParsing(provider, endpoint);
  const again = async (current: WebhookIntegration | null) =>
    current ? receiveWebhook(deps, current, endpoint, request) : gone();
  const fromD1 = () => readWebhookIntegration(deps.db, provider, row.id).then(again);

  const verification = await provider.verify(request, await secretsOf(row, deps.keys), endpoint);
  if (!verification.ok) {
    if (found.cached) return fromD1(); // its secret may have been rotated since
    const { outcome, detail } = verification;
    return { error: rejected(), delivery: { kind, event: "", outcome, detail, callId: null } };
  }

  let event: ReturnType<Provider["parse"]>;
  try {
    event = provider.parse(request, endpoint);
  } catch (err) {
    if (!(err instanceof InvalidPayload)) throw err;
    if (found.cached) return fromD1();
    const error = ApiError.validation([{ path: [], message: err.message }]);
    return { error, delivery: { kind, event: "", outcome: "invalid", detail: err.message, callId: null } };
  }

  if (event.kind === "ring") {
    const outcome = await ring(deps, found, event);
    return "readAfter" in outcome ? again(integrationNow(found, outcome.readAfter)) : outcome;
  }
  if (found.cached) return fromD1();
  if (event.kind === "post_call") return postCall(deps, found, event);
  return {
    response: Response.json({}),
    delivery: {
      kind: "other",
      event: event.event,
      outcome: "ignored",
      detail: `the service does not act on "${event.event}"`,
      callId: null,
    },
  };
}

const gone = (): WebhookRefusal => ({ error: ApiError.notFound("integration"), delivery: null });

const ringOf = (
  provider: Provider,
  event: { from: string; to: string | null; providerCallId: string | null },
  callerVerified: boolean,
): Ring => ({ ...event, provider: provider.name, callerVerified });

/**
 * Records the ring, or, when the cached integration changed since, nothing: then what D1 holds
 * now (`readAfter`, read in the same batch) to judge the request again.
 */
async function ring(
  deps: WebhookDeps,
  { row, provider, cached }: WebhookIntegration,
  event: RingEvent,
): Promise<WebhookResult | { readAfter: unknown[] }> {
  const caller = {
    organization: cached ? unchangedIntegration(row) : organizationById(row.organizationId),
    apiKeyHash: null,
  };
  const ring = ringOf(provider, event, event.callerVerified);
  const outcome = await recordInboundCall(
    deps.d1,
    caller,
    ring,
    deps.country,
    cached ? integrationNowSql(row.id) : undefined,
  );
  if (outcome.organizationId === null) return { readAfter: outcome.readAfter };
  const response = provider.answerRing(callerVariables(outcome, event.callerVerified), event, row.settings);
  const who = outcome.contact ? (outcome.contactCreated ? "a new stub contact" : "a known contact") : "no contact";
  const detail = outcome.callCreated
    ? `call recorded: caller ${outcome.caller}, ${who}`
    : `a repeat of provider call ${event.providerCallId}: answered with the call recorded before`;
  const delivery = {
    kind: "ring" as const,
    event: event.event,
    outcome: outcome.callCreated ? ("accepted" as const) : ("duplicate" as const),
    detail,
    callId: outcome.callId,
  };
  return { response, delivery };
}

async function postCall(
  deps: WebhookDeps,
  { row, provider }: WebhookIntegration,
  event: PostCallEvent,
): Promise<WebhookResult | WebhookRefusal> {
  const organizationId = row.organizationId;
  let callId = await findCall(deps.db, organizationId, event);
  let recorded = "";
  if (!callId) {
    // Neither a call to find nor anything to record one by: a retry could not be told apart.
    if (!event.from && !event.providerCallId) {
      const detail = "no call with this id, and no caller number or call id to record it from";
      const error = ApiError.validation([{ path: [], message: detail }]);
      return { error, delivery: { kind: "post_call", event: event.event, outcome: "invalid", detail, callId: null } };
    }
    // The ring webhook was not set up: the call is recorded first, as a ring would (no caller
    // number is a withheld caller, as on the ring URL).
    const caller = { organization: organizationById(organizationId), apiKeyHash: null };
    const from = event.from ?? "";
    const ring = ringOf(provider, { from, to: event.to, providerCallId: event.providerCallId }, false);
    callId = (await recordInboundCall(deps.d1, caller, ring, deps.country)).callId;
    recorded = "the call was recorded first (no ring came); ";
  }
  const transcript = keepEnds(event.transcript);
  const saved = await saveFirstTranscription(deps.db, deps.queue, organizationId, callId, transcript);
  const duplicate = saved.enrichment === "duplicate";
  const detail = duplicate
    ? "the call's transcript was saved before: nothing changed"
    : `${recorded}transcript saved (${transcript.length} characters); enrichment ${saved.enrichment.replace("_", " ")}`;
  return {
    response: Response.json(saved),
    delivery: {
      kind: "post_call",
      event: event.event,
      outcome: duplicate ? "duplicate" : "accepted",
      detail,
      callId,
    },
  };
}

/** The call a transcript belongs to: by the service's id the ring handed out, else the provider's. */
async function findCall(db: Database, organizationId: string, event: PostCallEvent): Promise<string | null> {
  const byId = event.callId ? eq(call.id, event.callId) : undefined;
  const byProviderId = event.providerCallId ? eq(call.providerCallId, event.providerCallId) : undefined;
  for (const condition of [byId, byProviderId]) {
    if (!condition) continue;
    const [found] = await db
      .select({ id: call.id })
      .from(call)
      .where(and(eq(call.organizationId, organizationId), condition));
    if (found) return found.id;
  }
  return null;
}
