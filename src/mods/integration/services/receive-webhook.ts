import { and, eq } from "drizzle-orm";
import type { CountryCode } from "libphonenumber-js";
import { organizationById } from "../../../auth/organization-sql";
import type { Database } from "../../../db/client";
import { call, type IntegrationRow, integration } from "../../../db/schema";
import { ApiError } from "../../../lib/errors";
import { open, type SecretKeys } from "../../../lib/secret-box";
import { type Ring, recordInboundCall } from "../../call/services/record-inbound-call";
import { saveFirstTranscription } from "../../enrichment/services/enrichment-state";
import type { EnrichmentMessage } from "../../enrichment/types/enrichment-message";
import { callerVariables } from "./caller-variables";
import type { Delivery } from "./deliveries";
import { keepEnds } from "./keep-ends";
import { providers } from "./providers";
import {
  type Endpoint,
  InvalidPayload,
  type PostCallEvent,
  type Provider,
  type RingEvent,
  type WebhookRequest,
} from "./providers/provider";

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

/** Largest body on a URL that takes transcripts; a URL that only rings takes the provider's own. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export const maxBodyBytes = (provider: Provider, endpoint: Endpoint) =>
  endpoint === "ring" ? provider.maxRingBodyBytes : MAX_WEBHOOK_BODY_BYTES;

/** A delivery's kind before the body is read: a URL that takes rings and transcripts alike cannot tell. */
export const kindBeforeParsing = (provider: Provider, endpoint: Endpoint) =>
  endpoint === "post_call" ? "post_call" : provider.postCall === "same_url" ? "other" : "ring";

/** The integration a webhook URL names, with its provider's adapter; null when there is none. */
export async function findWebhookIntegration(db: Database, providerName: string, id: string, endpoint: Endpoint) {
  const provider = (providers as Record<string, Provider | undefined>)[providerName];
  if (!provider || (endpoint === "post_call" && provider.postCall !== "own_url")) return null;
  const [row] = await db
    .select()
    .from(integration)
    .where(and(eq(integration.id, id), eq(integration.provider, provider.name)));
  return row ? { row, provider } : null;
}

/**
 * Secrets this isolate opened lately, by their sealed value (a rotation seals anew, so a rotated
 * secret is never served from here): every webhook of an integration needs the same one. Bounded.
 */
const openedSecrets = new Map<string, string>();

async function openCached(sealed: string, keys: SecretKeys): Promise<string> {
  let secret = openedSecrets.get(sealed);
  if (secret === undefined) {
    secret = await open(sealed, keys);
    if (openedSecrets.size >= 256) openedSecrets.clear();
    openedSecrets.set(sealed, secret);
  }
  return secret;
}

const rejected = () => new ApiError("unauthenticated", "the webhook's signature does not verify");

/**
 * A verified webhook, handled as the API would: a ring records the call through resolve_contact
 * (POST /api/calls/inbound's path) and answers the caller's identity in the provider's format; a
 * transcript is saved and enrichment queued (POST /api/calls/{id}/transcription's path). Nothing
 * is parsed or written before the signature verifies. Errors come back as the delivery's outcome
 * and the ApiError to answer with.
 */
export async function receiveWebhook(
  deps: WebhookDeps,
  found: { row: IntegrationRow; provider: Provider },
  endpoint: Endpoint,
  request: WebhookRequest,
): Promise<WebhookResult | { error: ApiError; delivery: Delivery }> {
  const { row, provider } = found;
  const kind = kindBeforeParsing(provider, endpoint);

  const secrets = {
    secret: await openCached(row.secretSealed, deps.keys),
    webhookSecret: row.webhookSecretSealed ? await openCached(row.webhookSecretSealed, deps.keys) : null,
    settings: row.settings,
  };
  const verification = await provider.verify(request, secrets, endpoint);
  if (!verification.ok) {
    const { outcome, detail } = verification;
    return { error: rejected(), delivery: { kind, event: "", outcome, detail, callId: null } };
  }

  let event: ReturnType<Provider["parse"]>;
  try {
    event = provider.parse(request, endpoint);
  } catch (err) {
    if (!(err instanceof InvalidPayload)) throw err;
    const error = ApiError.validation([{ path: [], message: err.message }]);
    return { error, delivery: { kind, event: "", outcome: "invalid", detail: err.message, callId: null } };
  }

  if (event.kind === "ring") return ring(deps, found, event);
  if (event.kind === "post_call") return postCall(deps, row, provider, event);
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

const ringOf = (
  provider: Provider,
  event: { from: string; to: string | null; providerCallId: string | null },
  callerVerified: boolean,
): Ring => ({ ...event, provider: provider.name, callerVerified });

async function ring(
  deps: WebhookDeps,
  { row, provider }: { row: IntegrationRow; provider: Provider },
  event: RingEvent,
): Promise<WebhookResult> {
  const caller = { organization: organizationById(row.organizationId), apiKeyHash: null };
  const outcome = await recordInboundCall(deps.d1, caller, ringOf(provider, event, event.callerVerified), deps.country);
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
  row: IntegrationRow,
  provider: Provider,
  event: PostCallEvent,
): Promise<WebhookResult | { error: ApiError; delivery: Delivery }> {
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
