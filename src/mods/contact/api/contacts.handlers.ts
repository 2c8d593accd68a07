import type { AppRouteHandler } from "../../../context";
import { contactStats as countContacts } from "../services/contact-stats";
import * as contacts from "../services/contacts";
import { findDuplicates } from "../services/find-duplicates";
import { listContacts as listContactPage } from "../services/list-contacts";
import { mergeContacts } from "../services/merge-contacts";
import type * as routes from "./contacts.routes";
import { tenantOf } from "./tenant";

type Handler<R extends keyof typeof routes> = AppRouteHandler<(typeof routes)[R]>;

export const listContacts: Handler<"listContacts"> = async (c) =>
  c.json(await listContactPage(c.var.db, c.var.principal.organizationId, c.req.valid("query")), 200);

export const createContact: Handler<"createContact"> = async (c) =>
  c.json(await contacts.createContact(c.var.db, tenantOf(c), c.req.valid("json")), 201);

export const getContact: Handler<"getContact"> = async (c) =>
  c.json(await contacts.getContact(c.var.db, c.var.principal.organizationId, c.req.valid("param").id), 200);

export const updateContact: Handler<"updateContact"> = async (c) =>
  c.json(
    await contacts.updateContactNames(
      c.var.db,
      c.var.principal.organizationId,
      c.req.valid("param").id,
      c.req.valid("json"),
    ),
    200,
  );

export const deleteContact: Handler<"deleteContact"> = async (c) => {
  await contacts.deleteContact(c.var.db, c.var.principal.organizationId, c.req.valid("param").id);
  return c.body(null, 204);
};

export const mergeContact: Handler<"mergeContact"> = async (c) =>
  c.json(
    await mergeContacts(c.var.db, c.var.principal.organizationId, c.req.valid("param").id, c.req.valid("json").into),
    200,
  );

export const listDuplicates: Handler<"listDuplicates"> = async (c) =>
  c.json(await findDuplicates(c.var.db, c.var.principal.organizationId, c.req.valid("param").id), 200);

export const contactStats: Handler<"contactStats"> = async (c) =>
  c.json(await countContacts(c.var.db, c.var.principal.organizationId, c.req.valid("query").days), 200);
