import { createRouter } from "../../../lib/create-router";
import * as contactHandlers from "./contacts.handlers";
import * as contactRoutes from "./contacts.routes";
import * as entryHandlers from "./entries.handlers";
import * as entryRoutes from "./entries.routes";

export const contactsRouter = createRouter()
  // Before /contacts/{id}, which would read "stats" as an id.
  .openapi(contactRoutes.contactStats, contactHandlers.contactStats)
  .openapi(contactRoutes.listContacts, contactHandlers.listContacts)
  .openapi(contactRoutes.createContact, contactHandlers.createContact)
  .openapi(contactRoutes.getContact, contactHandlers.getContact)
  .openapi(contactRoutes.updateContact, contactHandlers.updateContact)
  .openapi(contactRoutes.deleteContact, contactHandlers.deleteContact)
  .openapi(contactRoutes.mergeContact, contactHandlers.mergeContact)
  .openapi(contactRoutes.listDuplicates, contactHandlers.listDuplicates)
  .openapi(entryRoutes.addPhone, entryHandlers.addPhone)
  .openapi(entryRoutes.updatePhone, entryHandlers.updatePhone)
  .openapi(entryRoutes.deletePhone, entryHandlers.deletePhone)
  .openapi(entryRoutes.addEmail, entryHandlers.addEmail)
  .openapi(entryRoutes.updateEmail, entryHandlers.updateEmail)
  .openapi(entryRoutes.deleteEmail, entryHandlers.deleteEmail);
