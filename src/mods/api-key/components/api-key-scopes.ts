import type { ApiKeyScope } from "../../../db/api-key-schema";

/** How the screens name a key's scope, and what it lets the key do: the form and the list say the same. */
export const apiKeyScopes: Record<ApiKeyScope, { name: string; note: string }> = {
  calls: {
    name: "Calls only",
    note: "Ring, send transcriptions, ask for enrichment: what a telephony provider needs. Nothing else.",
  },
  full: {
    name: "Full access",
    note: "Everything in this organization: contacts, calls, transcripts, integrations.",
  },
};

/** The form's order: the narrower scope first, for the telephony provider most keys are made for. */
export const apiKeyScopeOrder: ApiKeyScope[] = ["calls", "full"];
