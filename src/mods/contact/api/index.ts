import { createRouter } from "../../../lib/create-router";
import { ImportRowSchema } from "../types/import-export";
import * as contactHandlers from "./contacts.handlers";
import * as contactRoutes from "./contacts.routes";
import * as entryHandlers from "./entries.handlers";
import * as entryRoutes from "./entries.routes";
import * as dataHandlers from "./import-export.handlers";
import * as dataRoutes from "./import-export.routes";
import { checkedInCountry } from "./tenant";

export const contactsRouter = createRouter()
  // Before /contacts/{id}, which would read "stats", "import" and "export" as ids.
  .openapi(contactRoutes.contactStats, contactHandlers.contactStats)
  .openapi(dataRoutes.importContacts, dataHandlers.importContacts)
  .openapi(dataRoutes.exportContacts, dataHandlers.exportContacts)
  .openapi(contactRoutes.listContacts, contactHandlers.listContacts)
  .openapi(
    contactRoutes.createContact,
    contactHandlers.createContact,
    checkedInCountry((bodies) => bodies.NewContactSchema),
  )
  .openapi(contactRoutes.getContact, contactHandlers.getContact)
  .openapi(contactRoutes.updateContact, contactHandlers.updateContact)
  .openapi(contactRoutes.deleteContact, contactHandlers.deleteContact)
  .openapi(contactRoutes.mergeContact, contactHandlers.mergeContact)
  .openapi(contactRoutes.listDuplicates, contactHandlers.listDuplicates)
  .openapi(
    entryRoutes.addPhone,
    entryHandlers.addPhone,
    checkedInCountry((bodies) => bodies.NewPhoneSchema),
  )
  .openapi(
    entryRoutes.updatePhone,
    entryHandlers.updatePhone,
    checkedInCountry((bodies) => bodies.PhoneUpdateSchema),
  )
  .openapi(entryRoutes.deletePhone, entryHandlers.deletePhone)
  .openapi(entryRoutes.addEmail, entryHandlers.addEmail)
  .openapi(entryRoutes.updateEmail, entryHandlers.updateEmail)
  .openapi(entryRoutes.deleteEmail, entryHandlers.deleteEmail);

// The import's rows are checked one by one (a bad row fails alone), so the body's schema takes any
// rows and refers to this one for the document.
contactsRouter.openAPIRegistry.register("ImportRow", ImportRowSchema);
