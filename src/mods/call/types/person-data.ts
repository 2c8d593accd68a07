import { z } from "@hono/zod-openapi";
import { timestamp, uuid } from "../../../lib/fields";
import { ContactSchema } from "../../contact/types/contact";
import { CallSchema } from "./call";

/** GET /api/contacts/{id}/export: everything held about the person. */
export const PersonExportSchema = z
  .object({
    contact: ContactSchema,
    duplicates: z.array(z.object({ contact_id: uuid, reason: z.enum(["email", "name"]) })).openapi({
      description:
        "The contact's duplicate suggestions, naming the other contacts by id only: their data is not the person's",
    }),
    exported_at: timestamp,
    calls: z.array(CallSchema).openapi({ description: "The contact's calls with their transcriptions, newest first" }),
  })
  .openapi("PersonExport");
