import { z } from "zod";

/** What the model answers about the caller: empty strings and null when it was not said. */
export const CallerIdentitySchema = z.strictObject({
  first_name: z.string().describe("The caller's own first name as they said it, or an empty string"),
  last_name: z.string().describe("The caller's own last name as they said it, or an empty string"),
  email: z.string().nullable().describe("The caller's own email address, or null"),
});

export type CallerIdentity = z.infer<typeof CallerIdentitySchema>;
