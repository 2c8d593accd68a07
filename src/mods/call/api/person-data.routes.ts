import { createRoute } from "@hono/zod-openapi";
import { noBody } from "../../../lib/no-body";
import { commonErrors, json, notFoundError } from "../../../lib/openapi-responses";
import { ContactParams } from "../../contact/types/contact";
import { PersonExportSchema } from "../types/person-data";

const tags = ["Data in and out"];

export const exportPerson = createRoute({
  method: "get",
  path: "/contacts/{id}/export",
  tags,
  summary: "Everything held about a person: the contact, its calls with transcriptions, its duplicate suggestions",
  description: "For a person's request for their data. The calls are streamed, newest first.",
  request: { params: ContactParams },
  responses: { 200: json(PersonExportSchema, "The person's data"), ...commonErrors, ...notFoundError },
});

export const eraseContact = createRoute({
  method: "post",
  path: "/contacts/{id}/erase",
  tags,
  summary: "Erase a person: the contact is deleted, and its calls keep no trace of them",
  description:
    "The contact, its phones and emails, its search entry and its duplicate suggestions are deleted. Each of its " +
    "calls keeps its id, time and provider ids for counting, with contact_id, from, transcription and " +
    "enrichment_error set to null and `erased: true`. No body (or `{}` as JSON). D1's point-in-time recovery " +
    "keeps earlier states of the database for 30 days (7 on the Free plan): see the README.",
  middleware: [noBody] as const,
  request: { params: ContactParams },
  responses: { 204: { description: "Erased" }, ...commonErrors, ...notFoundError },
});
