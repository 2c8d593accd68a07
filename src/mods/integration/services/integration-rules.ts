import type { ErrorIssue } from "../../../lib/errors";
import { fromBase64 } from "../../../lib/secret-box";
import { type IntegrationUpdate, NewIntegrationSchema, ProviderSchema } from "../types/integration";
import { providers } from "./providers";
import type { ProviderName } from "./providers/provider";

/*
 * What each provider needs configured (the contract's provider table): the settings it takes, and
 * whether it has a second secret. Checked when an integration is created or changed, so that a
 * webhook never meets a configuration it cannot answer with.
 */

const settingNames: Record<ProviderName, string[]> = {
  twilio: ["stream_url", "redirect_url"],
  retell: [],
  vapi: ["assistant_id"],
  elevenlabs: [],
  telnyx: [],
};

const isUrl = (value: string, scheme: string) => {
  try {
    return new URL(value).protocol === scheme;
  } catch {
    return false;
  }
};

export function settingsIssues(provider: ProviderName, settings: Record<string, string>): ErrorIssue[] {
  const issues: ErrorIssue[] = Object.keys(settings)
    .filter((name) => !settingNames[provider].includes(name))
    .map((name) => ({ path: ["settings", name], message: `not a setting of ${provider}` }));
  if (provider === "twilio") {
    const { stream_url, redirect_url } = settings;
    if ((stream_url === undefined) === (redirect_url === undefined)) {
      issues.push({
        path: ["settings"],
        message: "give exactly one of stream_url (wss://…) or redirect_url (https://…)",
      });
    } else if (stream_url !== undefined && !isUrl(stream_url, "wss:")) {
      issues.push({ path: ["settings", "stream_url"], message: "a wss:// URL" });
    } else if (redirect_url !== undefined && !isUrl(redirect_url, "https:")) {
      issues.push({ path: ["settings", "redirect_url"], message: "an https:// URL" });
    }
  }
  if (provider === "vapi" && !settings.assistant_id) {
    issues.push({ path: ["settings", "assistant_id"], message: "required: the assistant Vapi should run" });
  }
  return issues;
}

export function secretIssues(provider: ProviderName, secret: string | undefined): ErrorIssue[] {
  if (provider !== "telnyx" || secret === undefined) return [];
  let bytes = 0;
  try {
    bytes = fromBase64(secret).length;
  } catch {}
  return bytes === 32
    ? []
    : [{ path: ["secret"], message: "the Ed25519 public key as Telnyx shows it: base64 of 32 bytes" }];
}

/** Only ElevenLabs signs a second webhook (its post-call one) with a secret of its own. */
export function webhookSecretIssues(provider: ProviderName, webhookSecret: string | null | undefined): ErrorIssue[] {
  return provider !== "elevenlabs" && webhookSecret
    ? [{ path: ["webhook_secret"], message: `${provider} has no second webhook secret` }]
    : [];
}

/** Every rule of `provider` that `input` breaks. */
export function providerIssues(provider: ProviderName, input: IntegrationUpdate): ErrorIssue[] {
  return [
    ...(input.settings ? settingsIssues(provider, input.settings) : []),
    ...secretIssues(provider, input.secret),
    ...webhookSecretIssues(provider, input.webhook_secret),
  ];
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" && value !== null && Object.values(value).every((v) => typeof v === "string");

/**
 * A new integration's body with its provider's rules checked beside its fields' own issues, so
 * that one answer holds them all (the route checks bodies with it: api/index.ts). A field of the
 * wrong type is left to its own issue.
 */
export const NewIntegrationInFull = NewIntegrationSchema.superRefine(
  (input, ctx) => {
    const body = input as Record<string, unknown>;
    const provider = ProviderSchema.safeParse(body.provider);
    if (!provider.success) return;
    const issues = providerIssues(provider.data, {
      // As created: no settings are {} (which Vapi, say, finds lacking).
      settings: body.settings === undefined ? {} : isStringRecord(body.settings) ? body.settings : undefined,
      secret: typeof body.secret === "string" ? body.secret : undefined,
      webhook_secret: typeof body.webhook_secret === "string" ? body.webhook_secret : undefined,
    });
    for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  },
  { when: (payload) => typeof payload.value === "object" && payload.value !== null },
);

/** The URLs to paste into the platform's console: on the service's own origin. */
export function webhookUrls(origin: string, provider: ProviderName, id: string) {
  const ring = `${origin}/hooks/${provider}/${id}`;
  const postCall = { same_url: ring, own_url: `${ring}/post-call`, none: null }[providers[provider].postCall];
  return { ring, post_call: postCall };
}
