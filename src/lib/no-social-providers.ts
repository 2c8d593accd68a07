import * as z from "zod";

/*
 * Bundled in place of @better-auth/core/social-providers (wrangler.jsonc "alias"): better-auth
 * imports all 36 OAuth providers (60 KB minified, 19 KiB gzip of the API Worker) to build those
 * listed in its `socialProviders` option, and the service lists none (email and password only, see
 * src/auth/better-auth.ts): with none listed, better-auth never calls a provider's factory. The
 * names stay, so `/sign-in/social` and `/link-social` validate their input as before and answer
 * "provider not found" as before (test/auth/social-sign-in.test.ts).
 */
export const socialProviderList = [
  "apple",
  "atlassian",
  "cloudflare",
  "cognito",
  "discord",
  "facebook",
  "figma",
  "github",
  "microsoft",
  "google",
  "huggingface",
  "slack",
  "spotify",
  "twitch",
  "twitter",
  "dropbox",
  "kick",
  "linear",
  "linkedin",
  "gitlab",
  "tiktok",
  "reddit",
  "roblox",
  "salesforce",
  "vk",
  "zoom",
  "notion",
  "kakao",
  "naver",
  "line",
  "paybin",
  "paypal",
  "polar",
  "railway",
  "vercel",
  "wechat",
] as const;

export const SocialProviderListEnum = z.enum(socialProviderList).or(z.string());

/** Only read for a configured provider: configuring one without restoring the module fails loudly. */
export const socialProviders: Record<string, () => never> = new Proxy(
  {},
  {
    get: (_, name) => () => {
      throw new Error(`social provider ${String(name)} is not bundled (src/lib/no-social-providers.ts)`);
    },
  },
);
