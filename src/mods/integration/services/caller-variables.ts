import type { InboundCallOutcome } from "../../call/services/record-inbound-call";
import type { CallerVariables } from "./providers/provider";

/** The ring's answer as the contract's variables: every value a string, empty when unknown. */
export function callerVariables(outcome: InboundCallOutcome, callerVerified: boolean): CallerVariables {
  const contact = outcome.contact;
  const firstName = contact?.first_name ?? "";
  const lastName = contact?.last_name ?? "";
  return {
    caller_status: outcome.caller,
    caller_known: contact && !contact.is_stub ? "true" : "false",
    caller_first_name: firstName,
    caller_last_name: lastName,
    caller_name: [firstName, lastName].filter(Boolean).join(" "),
    caller_email: outcome.email ?? "",
    contact_id: contact?.id ?? "",
    call_id: outcome.callId,
    caller_verified: callerVerified ? "true" : "false",
  };
}
