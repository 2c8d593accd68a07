import { createRoute } from "@hono/zod-openapi";
import { defaultBodyLimit } from "../../../lib/body-limit";
import { commonErrors, conflictError, json, jsonBody, notFoundError } from "../../../lib/openapi-responses";
import {
  ContactParams,
  EmailParams,
  EmailSchema,
  EmailUpdateSchema,
  NewEmailSchema,
  NewPhoneSchema,
  PhoneParams,
  PhoneSchema,
  PhoneUpdateSchema,
} from "../types/contact";

const failures = { ...commonErrors, ...notFoundError };

export const addPhone = createRoute({
  method: "post",
  path: "/contacts/{id}/phones",
  tags: ["Phones"],
  summary: "Add a phone number (any common format, stored in E.164)",
  middleware: [defaultBodyLimit],
  request: { params: ContactParams, body: jsonBody(NewPhoneSchema) },
  responses: { 201: json(PhoneSchema, "The new phone"), ...failures, ...conflictError },
});

export const updatePhone = createRoute({
  method: "put",
  path: "/contacts/{id}/phones/{phone_id}",
  tags: ["Phones"],
  summary: "Change a phone's number, label or preference",
  middleware: [defaultBodyLimit],
  request: { params: PhoneParams, body: jsonBody(PhoneUpdateSchema) },
  responses: { 200: json(PhoneSchema, "The phone"), ...failures, ...conflictError },
});

export const deletePhone = createRoute({
  method: "delete",
  path: "/contacts/{id}/phones/{phone_id}",
  tags: ["Phones"],
  summary: "Remove a phone; the oldest remaining one becomes preferred if this one was",
  request: { params: PhoneParams },
  responses: { 204: { description: "Deleted" }, ...failures },
});

export const addEmail = createRoute({
  method: "post",
  path: "/contacts/{id}/emails",
  tags: ["Emails"],
  summary: "Add an email address",
  middleware: [defaultBodyLimit],
  request: { params: ContactParams, body: jsonBody(NewEmailSchema) },
  responses: { 201: json(EmailSchema, "The new email"), ...failures, ...conflictError },
});

export const updateEmail = createRoute({
  method: "put",
  path: "/contacts/{id}/emails/{email_id}",
  tags: ["Emails"],
  summary: "Change an email's address, label or preference",
  middleware: [defaultBodyLimit],
  request: { params: EmailParams, body: jsonBody(EmailUpdateSchema) },
  responses: { 200: json(EmailSchema, "The email"), ...failures, ...conflictError },
});

export const deleteEmail = createRoute({
  method: "delete",
  path: "/contacts/{id}/emails/{email_id}",
  tags: ["Emails"],
  summary: "Remove an email; the oldest remaining one becomes preferred if this one was",
  request: { params: EmailParams },
  responses: { 204: { description: "Deleted" }, ...failures },
});
