import { createRoute } from "@hono/zod-openapi";
import { defaultBodyLimit } from "../../../lib/body-limit";
import { commonErrors, conflictError, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import {
  ContactParams,
  ContactSchema,
  ContactStatsQuery,
  ContactStatsSchema,
  ContactUpdateSchema,
  DuplicatesSchema,
  MergeSchema,
  NewContactSchema,
} from "../types/contact";
import { ContactListQuery, ContactPageSchema } from "../types/contact-list";

const tags = ["Contacts"];

export const listContacts = createRoute({
  method: "get",
  path: "/contacts",
  tags,
  summary: "List contacts, newest first or by name; filter by kind, search with q",
  request: { query: ContactListQuery },
  responses: { 200: json(ContactPageSchema, "A page of contacts"), ...commonErrors },
});

export const createContact = createRoute({
  method: "post",
  path: "/contacts",
  tags,
  summary: "Create a contact with its phones and emails (all or nothing)",
  middleware: [defaultBodyLimit],
  request: { body: jsonBody(NewContactSchema) },
  responses: { 201: json(ContactSchema, "The new contact"), ...commonErrors, ...conflictError },
});

export const getContact = createRoute({
  method: "get",
  path: "/contacts/{id}",
  tags,
  summary: "A contact with its phones and emails",
  request: { params: ContactParams },
  responses: { 200: json(ContactSchema, "The contact"), ...commonErrors, ...notFoundError },
});

export const updateContact = createRoute({
  method: "put",
  path: "/contacts/{id}",
  tags,
  summary: "Rename a contact",
  middleware: [defaultBodyLimit],
  request: { params: ContactParams, body: jsonBody(ContactUpdateSchema) },
  responses: { 200: json(ContactSchema, "The contact"), ...commonErrors, ...notFoundError },
});

export const deleteContact = createRoute({
  method: "delete",
  path: "/contacts/{id}",
  tags,
  summary: "Delete a contact with its phones and emails; its calls stay, unlinked",
  request: { params: ContactParams },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFoundError },
});

export const mergeContact = createRoute({
  method: "post",
  path: "/contacts/{id}/merge",
  tags,
  summary: "Merge this contact into another",
  description:
    "Moves phones, emails and calls to `into` and deletes this contact. " +
    "The target's non-empty names and preferred entries win.",
  middleware: [defaultBodyLimit],
  request: { params: ContactParams, body: jsonBody(MergeSchema) },
  responses: { 200: json(ContactSchema, "The merged contact"), ...commonErrors, ...notFoundError },
});

export const listDuplicates = createRoute({
  method: "get",
  path: "/contacts/{id}/duplicates",
  tags,
  summary: "Contacts that may be the same person",
  request: { params: ContactParams },
  responses: { 200: json(DuplicatesSchema, "Suggestions"), ...commonErrors, ...notFoundError },
});

export const contactStats = createRoute({
  method: "get",
  path: "/contacts/stats",
  tags,
  summary: "Dashboard counts: contacts, active ones (a call in the last `days`), stubs",
  request: { query: ContactStatsQuery },
  responses: { 200: json(ContactStatsSchema, "The counts"), ...commonErrors },
});
