import { z } from "@hono/zod-openapi";

export const SettingsSchema = z
  .object({
    default_phone_country: z.string().openapi({
      description:
        "The ISO 3166-1 alpha-2 country (DEFAULT_PHONE_COUNTRY) numbers without a `+` are read in, " +
        "and the one whose numbers a screen may write in national format",
      example: "US",
    }),
  })
  .openapi("Settings");

export type Settings = z.infer<typeof SettingsSchema>;
