import type { Context } from "hono";
import type { AppEnv } from "../../../context";
import { checkBodyWith } from "../../../lib/create-router";
import { defaultCountry } from "../../../lib/phone-number";
import type { Tenant } from "../services/entries";
import { type ContactBodies, contactBodiesIn } from "../types/contact";

/** The caller's organization and the country its numbers without a `+` are read in. */
export const tenantOf = (c: Context<AppEnv>): Tenant => ({
  organizationId: c.var.principal.organizationId,
  country: defaultCountry(c.env),
});

/**
 * A route hook checking the body again with its numbers read in the caller's country, so that a
 * bad number is reported with the body's other issues, not after them (see contactBodies).
 */
export const checkedInCountry = (pick: (bodies: ContactBodies) => ContactBodies[keyof ContactBodies]) =>
  checkBodyWith((c) => pick(contactBodiesIn(tenantOf(c).country)));
