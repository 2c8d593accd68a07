import type { Database, Statement } from "../../../db/client";
import { type EmailOutcome, fillInStub } from "../../contact/services/fill-in-stub";
import type { CallerModel } from "./caller-model";
import { closeEnrichment, loadQueuedEnrichment } from "./enrichment-state";

export type EnrichmentOutcome =
  | { status: "done"; named: boolean; email: EmailOutcome }
  | { status: "skipped"; reason: string }
  /** Nothing to do: the call is gone, or already closed (a message delivered twice). */
  | { status: "ignored" };

/**
 * enrich_contact(call_id): asks the model who called and fills in the call's stub contact.
 * 1. Works on a call still `queued` only (a message delivered twice changes nothing).
 * 2. Skips calls without a contact or a transcription, and contacts that already have a name.
 * 3. Asks `model` (its ModelErrors propagate: the queue consumer decides on retries).
 * 4. Fills in the stub (contact/services/fill-in-stub) and closes the enrichment as `done`, in one
 *    atomic batch.
 */
export async function enrichContact(db: Database, callId: string, model: CallerModel): Promise<EnrichmentOutcome> {
  const found = await loadQueuedEnrichment(db, callId);
  if (!found) return { status: "ignored" };
  const { contactId, transcription } = found;
  if (!contactId || !transcription || found.firstName || found.lastName) {
    await closeEnrichment(db, callId, "skipped", null);
    const reason = !contactId
      ? "the call has no contact"
      : !transcription
        ? "the call has no transcription"
        : "the contact already has a name";
    return { status: "skipped", reason };
  }

  const identity = await model.identifyCaller(transcription);
  const filled = await fillInStub(
    db,
    { organizationId: found.organizationId, contactId, callId },
    { firstName: identity.first_name, lastName: identity.last_name, email: identity.email },
  );
  const statements: Statement[] = [...filled.statements, closeEnrichment(db, callId, "done", null)];
  await db.batch(statements as [Statement, ...Statement[]]);
  return { status: "done", named: filled.named, email: filled.email };
}
