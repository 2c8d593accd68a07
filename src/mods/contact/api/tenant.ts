import type { Context } from "hono";
import type { AppEnv } from "../../../context";
import { defaultCountry } from "../../../lib/phone-number";
import type { Tenant } from "../services/entries";

/** The caller's organization and the country its numbers without a `+` are read in. */
export const tenantOf = (c: Context<AppEnv>): Tenant => ({
  organizationId: c.var.principal.organizationId,
  country: defaultCountry(c.env),
});
